package dev.gregor.internal.metrics;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import dev.gregor.ClientMetrics;
import dev.gregor.RequestLatencyListener;
import dev.gregor.internal.protocol.message.ApiKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's counters. Writers count once per batch, per fetched chunk, per request or per connection, never per
 * record, into {@link LongAdder}s that several threads (the sender, the I/O thread, consuming threads) add to
 * without contention.
 */
public final class ClientCounters implements ClientMetrics {

    private static final Logger log = LoggerFactory.getLogger(ClientCounters.class);
    private static final ApiKey[] APIS = ApiKey.values();

    private final RequestLatencyListener latencyListener;
    private final LongAdder recordsSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder recordsFetched = new LongAdder();
    private final LongAdder bytesFetched = new LongAdder();
    private final LongAdder openConnections = new LongAdder();
    private final LongAdder connectionsOpened = new LongAdder();
    private final LongAdder rebalances = new LongAdder();
    private final LongAdder[] requests = adders();
    private final LongAdder[] requestNanos = adders();

    /** Counters that also tell {@code latencyListener} (null: nobody) of each answered request. */
    public ClientCounters(RequestLatencyListener latencyListener) {
        this.latencyListener = latencyListener;
    }

    private static LongAdder[] adders() {
        LongAdder[] adders = new LongAdder[APIS.length];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    /** A batch of {@code records} taking {@code bytes} was acknowledged (or written, with acks=0). */
    public void sent(int records, int bytes) {
        recordsSent.add(records);
        bytesSent.add(bytes);
    }

    /** A fetch brought whole batches holding {@code records} in {@code bytes}. */
    public void fetched(int records, int bytes) {
        recordsFetched.add(records);
        bytesFetched.add(bytes);
    }

    /** A connection is ready. */
    public void connectionOpened() {
        connectionsOpened.increment();
        openConnections.increment();
    }

    /** A connection counted by {@link #connectionOpened()} closed. */
    public void connectionClosed() {
        openConnections.decrement();
    }

    /** A balanced consumer completed a rebalance. */
    public void rebalanced() {
        rebalances.increment();
    }

    /** A request of {@code api} was answered {@code nanos} after it was written. */
    public void answered(ApiKey api, long nanos) {
        int index = api.ordinal();
        requests[index].increment();
        requestNanos[index].add(nanos);
        if (latencyListener != null) {
            try {
                latencyListener.answered(api.title(), nanos);
            } catch (RuntimeException e) {
                log.debug("RequestLatencyListener {} threw; ignored", latencyListener, e);
            }
        }
    }

    @Override
    public long recordsSent() {
        return recordsSent.sum();
    }

    @Override
    public long bytesSent() {
        return bytesSent.sum();
    }

    @Override
    public long recordsFetched() {
        return recordsFetched.sum();
    }

    @Override
    public long bytesFetched() {
        return bytesFetched.sum();
    }

    @Override
    public int openConnections() {
        return openConnections.intValue();
    }

    @Override
    public long connectionsOpened() {
        return connectionsOpened.sum();
    }

    @Override
    public long rebalances() {
        return rebalances.sum();
    }

    @Override
    public Map<String, RequestTotals> requests() {
        Map<String, RequestTotals> totals = new LinkedHashMap<>();
        for (ApiKey api : APIS) {
            long count = requests[api.ordinal()].sum();
            if (count > 0) {
                totals.put(api.title(), new RequestTotals(count, Duration.ofNanos(requestNanos[api.ordinal()].sum())));
            }
        }
        return Collections.unmodifiableMap(totals);
    }
}
