package dev.gregor.spring.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.gregor.RequestLatencyListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code gregor.client.request.latency}: a timer per API (tags {@code client.id}, {@code api}) of the latency of
 * every answered request, from its write to its response. Set on the client's builder; one map look-up per response.
 */
public final class RequestLatencyTimers implements RequestLatencyListener {

    private final MeterRegistry registry;
    private final String clientId;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /** Timers in {@code registry} tagged with {@code clientId}. */
    public RequestLatencyTimers(MeterRegistry registry, String clientId) {
        this.registry = registry;
        this.clientId = clientId;
    }

    @Override
    public void answered(String api, long nanos) {
        Timer timer = timers.get(api);
        if (timer == null) {
            timer = timers.computeIfAbsent(api, name -> Timer.builder("gregor.client.request.latency")
                    .description("Latency of answered requests, from write to response")
                    .tags("client.id", clientId, "api", name).register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }
}
