package dev.gregor.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault of a {@link FaultProxy} that acts on requests of one {@link KafkaApi}, found by reading each request's
 * header and matching its response by correlation id. By default it acts on every such request; narrow it with
 * {@link #withProbability(double)} and {@link #times(int)}.
 *
 * <pre>{@code
 * proxy.inject(ApiFault.dropResponseAndClose(KafkaApi.PRODUCE).times(1));           // written, never acknowledged
 * proxy.inject(ApiFault.answerError(KafkaApi.PRODUCE, 6).withProbability(0.02));     // NOT_LEADER_OR_FOLLOWER
 * proxy.inject(ApiFault.delayResponse(KafkaApi.FETCH, Duration.ofSeconds(2)));
 * }</pre>
 */
public final class ApiFault {

    /** What an {@link ApiFault} does. */
    enum Kind { DROP_RESPONSE, DROP_RESPONSE_AND_CLOSE, ANSWER_ERROR, DELAY_RESPONSE }

    private final KafkaApi api;
    private final Kind kind;
    private final int errorCode;
    private final Duration delay;
    private final double probability;
    private final int times;

    private ApiFault(KafkaApi api, Kind kind, int errorCode, Duration delay, double probability, int times) {
        this.api = Objects.requireNonNull(api, "api");
        this.kind = kind;
        this.errorCode = errorCode;
        this.delay = delay;
        this.probability = probability;
        this.times = times;
    }

    /**
     * Forwards the request, and when the broker has answered (so the request took effect: a Produce is written),
     * withholds the response and every later response on that connection, as a broker that hung would: the client
     * sees its request time out.
     */
    public static ApiFault dropResponse(KafkaApi api) {
        return new ApiFault(api, Kind.DROP_RESPONSE, 0, Duration.ZERO, 1.0, -1);
    }

    /**
     * Forwards the request, and when the broker has answered (so the request took effect), closes the client's
     * connection instead of passing the response on: the client sees the connection fail with the request in flight.
     */
    public static ApiFault dropResponseAndClose(KafkaApi api) {
        return new ApiFault(api, Kind.DROP_RESPONSE_AND_CLOSE, 0, Duration.ZERO, 1.0, -1);
    }

    /**
     * Answers the request with Kafka's error {@code errorCode} (e.g. 6 NOT_LEADER_OR_FOLLOWER, 7 REQUEST_TIMED_OUT,
     * 20 NOT_ENOUGH_REPLICAS_AFTER_APPEND) instead of forwarding it: the broker never sees it. The response is the
     * broker's own error response for that API and version, the error set in every place it has one.
     */
    public static ApiFault answerError(KafkaApi api, int errorCode) {
        return new ApiFault(api, Kind.ANSWER_ERROR, errorCode, Duration.ZERO, 1.0, -1);
    }

    /**
     * Forwards the request and holds its response back for {@code delay}; the responses after it on the connection
     * wait behind it, as they would behind a slow broker.
     */
    public static ApiFault delayResponse(KafkaApi api, Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must be zero or positive, was " + delay);
        }
        return new ApiFault(api, Kind.DELAY_RESPONSE, 0, delay, 1.0, -1);
    }

    /** The same fault, acting on each matching request with probability {@code p} (0 to 1; default 1). */
    public ApiFault withProbability(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("probability must be between 0 and 1, was " + p);
        }
        return new ApiFault(api, kind, errorCode, delay, p, times);
    }

    /** The same fault, acting at most {@code n} times (n ≥ 1; default: no limit). */
    public ApiFault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + n);
        }
        return new ApiFault(api, kind, errorCode, delay, probability, n);
    }

    /** The API whose requests the fault acts on. */
    public KafkaApi api() {
        return api;
    }

    Kind kind() {
        return kind;
    }

    int errorCode() {
        return errorCode;
    }

    Duration delay() {
        return delay;
    }

    double probability() {
        return probability;
    }

    int times() {
        return times;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + api
                + (kind == Kind.ANSWER_ERROR ? ", error " + errorCode : "")
                + (kind == Kind.DELAY_RESPONSE ? ", " + delay.toMillis() + " ms" : "")
                + ", p=" + probability + (times > 0 ? ", times=" + times : "") + ")";
    }
}
