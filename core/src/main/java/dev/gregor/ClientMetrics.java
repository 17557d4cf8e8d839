package dev.gregor;

import java.time.Duration;
import java.util.Map;

/**
 * Running totals of one {@link KafkaClient}'s work, from its start, never reset (monotonic counters, except
 * {@link #openConnections()}). Reading them is cheap and thread-safe; each value is read on its own, so two values
 * read one after the other may straddle a request.
 *
 * <p>Bytes are record-batch bytes as they travel on the wire (after compression; batch headers included, request
 * framing not). Producers and consumers on the kafka-clients backend add their records (delivered; handed out by its
 * polls) but no bytes, which kafka-clients keeps out of sight; its own connections and requests are not counted
 * either.
 */
public interface ClientMetrics {

    /** Records the brokers acknowledged (with acks=0: written to the connection); a retried batch counts once. */
    long recordsSent();

    /** Record-batch bytes of the records in {@link #recordsSent()}. */
    long bytesSent();

    /**
     * Records in the whole record batches that fetches brought to consumers (a batch that starts before the offset
     * asked for counts whole; transaction markers count as records, as Kafka counts them in a batch).
     */
    long recordsFetched();

    /** Record-batch bytes of the batches in {@link #recordsFetched()}. */
    long bytesFetched();

    /** Broker connections open now: the shared ones, consumers' fetch connections and group coordinator ones. */
    int openConnections();

    /** Connections opened so far (TLS and SASL done), reconnects included. */
    long connectionsOpened();

    /**
     * Rebalances that the client's balanced consumers completed: each time a member got its assignment from its
     * group (Kafka-coordinated) or claimed its share (ZooKeeper), its first one included.
     */
    long rebalances();

    /** Answered requests and their summed latency, by API as Kafka's schemas spell it ({@code "Produce"}). */
    Map<String, RequestTotals> requests();

    /**
     * The requests of one API answered so far.
     *
     * @param count     how many
     * @param totalTime their latencies added up: from the request's write to its response's decoding
     */
    record RequestTotals(long count, Duration totalTime) {
    }
}
