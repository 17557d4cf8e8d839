package dev.gregor.producer;

/**
 * Counters of a producer since it started, for monitoring and tests.
 *
 * @param recordsDelivered records acknowledged by the brokers (or written, with acks=0)
 * @param recordsFailed    records reported as not delivered
 * @param batchesSent      batch transmissions, retries included
 * @param requestsSent     Produce requests sent
 */
public record ProducerMetrics(long recordsDelivered, long recordsFailed, long batchesSent, long requestsSent) {
}
