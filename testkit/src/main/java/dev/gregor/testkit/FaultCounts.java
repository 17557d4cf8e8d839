package dev.gregor.testkit;

/**
 * What the faults of a {@link FaultProxy} did since it started or its counts were last reset, so that a test can
 * assert that a fault fired.
 *
 * @param connections             connections accepted
 * @param connectionsCut          connections closed by {@link FaultProxy#cutConnections()}
 * @param connectionsCutAfterDial connections closed by {@link FaultProxy#cutAfterDial}
 * @param requestsBlackholed      requests read and thrown away by {@link FaultProxy#blackhole(boolean)}
 * @param responsesDropped        responses the broker wrote that never reached the client
 *                                ({@link ApiFault#dropResponse}, {@link ApiFault#dropResponseAndClose})
 * @param errorsAnswered          requests answered by the proxy with an error ({@link ApiFault#answerError})
 * @param responsesDelayed        responses held back by {@link ApiFault#delayResponse}
 * @param bytesToBroker           bytes written to the broker
 * @param bytesToClients          bytes written to clients
 */
public record FaultCounts(long connections, long connectionsCut, long connectionsCutAfterDial, long requestsBlackholed,
                          long responsesDropped, long errorsAnswered, long responsesDelayed, long bytesToBroker,
                          long bytesToClients) {
}
