package dev.gregor.internal.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.gregor.ClientClosedException;
import dev.gregor.internal.async.Futures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One connection per broker address, opened on first use and re-opened after it drops, with exponential backoff
 * (plus jitter) between failed attempts so that a dead broker is not hammered.
 */
public final class BrokerConnections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerConnections.class);

    private final Transport transport;
    private final ConnectionStreaks streaks = new ConnectionStreaks();
    private final Map<SlotKey, Slot> slots = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Connections opened through {@code transport}. */
    public BrokerConnections(Transport transport) {
        this.transport = transport;
    }

    /**
     * The connection to {@code address}: the open one, the one being opened, or a new one (after the backoff if
     * the last attempt failed). The future fails with {@link dev.gregor.BrokerUnavailableException} if the broker
     * cannot be reached.
     */
    public CompletableFuture<BrokerConnection> get(BrokerAddress address) {
        return get(address, "");
    }

    /**
     * A connection to {@code address} of its own, named {@code channel}: for requests the broker holds for a long
     * time (JoinGroup waits for a whole rebalance), which would otherwise hold up every request queued behind them,
     * since a broker answers one request per connection at a time.
     */
    public CompletableFuture<BrokerConnection> get(BrokerAddress address, String channel) {
        if (closed) {
            return CompletableFuture.failedFuture(new ClientClosedException("client"));
        }
        return slots.computeIfAbsent(new SlotKey(address, channel), key -> new Slot(key.address())).connection();
    }

    /** Drops a dedicated channel's connection once its user is done with it. */
    public void release(BrokerAddress address, String channel) {
        Slot slot = slots.remove(new SlotKey(address, channel));
        if (slot != null) {
            slot.close();
        }
    }

    private record SlotKey(BrokerAddress address, String channel) {
    }

    /** Closes every connection. */
    @Override
    public void close() {
        closed = true;
        List<Slot> all = new ArrayList<>(slots.values());
        slots.clear();
        all.forEach(Slot::close);
    }

    private final class Slot {

        private final BrokerAddress address;
        private CompletableFuture<BrokerConnection> current;
        private int failures;
        private long nextAttemptNanos;

        Slot(BrokerAddress address) {
            this.address = address;
        }

        synchronized CompletableFuture<BrokerConnection> connection() {
            if (current != null && (!current.isDone() || isOpen(current))) {
                return current;
            }
            long waitNanos = nextAttemptNanos - System.nanoTime();
            CompletableFuture<BrokerConnection> attempt = waitNanos > 0
                    ? delayed(waitNanos).thenCompose(ignored -> BrokerConnection.open(transport, address))
                    : BrokerConnection.open(transport, address);
            current = attempt;
            attempt.whenComplete((connection, failure) -> recordOutcome(failure));
            return attempt;
        }

        private synchronized void recordOutcome(Throwable failure) {
            if (failure == null) {
                log.atLevel(streaks.connected(address)).log("Connected to broker {}", address);
                failures = 0;
                return;
            }
            failures++;
            long base = transport.settings().reconnectBackoff().toNanos();
            long max = transport.settings().reconnectBackoffMax().toNanos();
            long backoff = Math.min(max, base << Math.min(failures - 1, 20));
            long jittered = (long) (backoff * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
            nextAttemptNanos = System.nanoTime() + jittered;
            String reason = Futures.unwrap(failure).getMessage();
            if (streaks.failed(address) == Level.WARN && !closed) {
                log.warn("Connecting to broker {} failed: {} The next attempt waits {} ms at least; until one succeeds,"
                        + " further failures are logged at DEBUG only.", address, reason,
                        TimeUnit.NANOSECONDS.toMillis(jittered));
            } else {
                log.debug("Connecting to broker {} failed again ({} in a row here), next attempt in {} ms: {}", address,
                        failures, TimeUnit.NANOSECONDS.toMillis(jittered), reason);
            }
        }

        private static boolean isOpen(CompletableFuture<BrokerConnection> connection) {
            return !connection.isCompletedExceptionally() && connection.join().isActive();
        }

        private static CompletableFuture<Void> delayed(long nanos) {
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS));
        }

        synchronized void close() {
            if (current != null) {
                current.thenAccept(BrokerConnection::close);
            }
        }
    }
}
