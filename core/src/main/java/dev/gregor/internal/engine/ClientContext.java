package dev.gregor.internal.engine;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.gregor.Backend;

import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.metrics.ClientCounters;
import dev.gregor.internal.network.BrokerConnections;
import io.netty.buffer.ByteBufAllocator;

/**
 * What producers and consumers need from the {@code KafkaClient} that made them.
 *
 * @param metadata       the cluster metadata
 * @param connections    the broker connections
 * @param requestTimeout how long one request may take
 * @param apiTimeout     how long a blocking operation may take, retries included
 * @param scheduler      the client's timer (its event loop): run only short, non-blocking tasks on it
 * @param allocator      where record batches are allocated
 * @param adopt          registers a producer or consumer so that closing the client closes it
 * @param release        forgets one that closed by itself
 * @param settings       where the client connects and how, for a second backend that opens its own connections
 * @param backends       the engines of each {@link Backend}: Gregor's own for {@code NATIVE}, else the provider found
 *                       on the class path (or a clear failure naming the artifact to add)
 * @param counters       the client's running totals, which engines count their batches and rebalances in
 */
public record ClientContext(MetadataCache metadata, BrokerConnections connections, Duration requestTimeout,
                            Duration apiTimeout, ScheduledExecutorService scheduler, ByteBufAllocator allocator,
                            Consumer<AutoCloseable> adopt, Consumer<AutoCloseable> release, ClientSettings settings,
                            Function<Backend, BackendProvider> backends, ClientCounters counters) {

    /** The provider of the producer engines and record sources of {@code backend}: the one place it is chosen. */
    public BackendProvider backend(Backend backend) {
        return backends.apply(backend);
    }

    /**
     * Counts {@code records} that a second backend's engine delivered (acknowledged) in the client's metrics; their
     * bytes stay with that backend.
     */
    public void countDelivered(int records) {
        counters.sent(records, 0);
    }

    /** Counts {@code records} that a second backend's engine fetched in the client's metrics, without bytes. */
    public void countFetched(int records) {
        counters.fetched(records, 0);
    }
}
