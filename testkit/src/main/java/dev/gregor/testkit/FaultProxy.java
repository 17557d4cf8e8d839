package dev.gregor.testkit;

import java.time.Duration;
import java.util.Objects;

import dev.gregor.testkit.internal.ApiRule;
import dev.gregor.testkit.internal.ErrorResponses;
import dev.gregor.testkit.internal.FaultPlan;
import dev.gregor.testkit.internal.ProxyCounters;
import dev.gregor.testkit.internal.ProxyServer;

/**
 * A fault-injecting TCP proxy in front of one broker's PLAINTEXT listener of a cluster built with
 * {@link EmbeddedKafkaCluster.Builder#faultProxies()}. The broker advertises the proxy's port, so clients reach it
 * only through the proxy, including at the addresses they learn from Metadata; the brokers' own traffic goes
 * around it. Every fault can be set and cleared while traffic flows, and {@link #heal()} clears them all.
 *
 * <pre>{@code
 * FaultProxy proxy = cluster.proxy(0);
 * proxy.latency(Duration.ofMillis(50));                         // each way
 * proxy.cutAfterDial(Duration.ofMillis(500), Duration.ofMillis(1500));
 * proxy.inject(ApiFault.dropResponseAndClose(KafkaApi.PRODUCE).withProbability(0.02));
 * ...
 * assertThat(proxy.counts().responsesDropped()).isPositive();
 * proxy.heal();
 * }</pre>
 *
 * <p>Random choices come from one generator per proxy; {@link #seed(long)} makes them repeatable (for the same
 * order of requests). Methods are thread-safe and return this proxy for chaining.
 */
public final class FaultProxy {

    private final ProxyServer server;
    private final FaultPlan plan;

    private FaultProxy(ProxyServer server, FaultPlan plan) {
        this.server = server;
        this.plan = plan;
    }

    /** Starts a proxy on 127.0.0.1:{@code port} in front of 127.0.0.1:{@code brokerPort}, seeded with {@code seed}. */
    static FaultProxy start(int port, int brokerPort, long seed) {
        FaultPlan plan = new FaultPlan(seed);
        return new FaultProxy(ProxyServer.start(port, brokerPort, plan), plan);
    }

    /** The port clients connect to (the broker's advertised port). */
    public int port() {
        return server.port();
    }

    /** Adds {@code latency} to every request on its way to the broker and to every response on its way back. */
    public FaultProxy latency(Duration latency) {
        return latency(Direction.REQUESTS, latency).latency(Direction.RESPONSES, latency);
    }

    /** Adds {@code latency} to every frame going {@code direction}; zero takes it away. */
    public FaultProxy latency(Direction direction, Duration latency) {
        long nanos = nonNegative("latency", latency).toNanos();
        if (Objects.requireNonNull(direction, "direction") == Direction.REQUESTS) {
            plan.requestLatency(nanos);
        } else {
            plan.responseLatency(nanos);
        }
        return this;
    }

    /** Limits both directions to {@code bytesPerSecond} each, shared by all connections; 0 lifts the limit. */
    public FaultProxy throttle(long bytesPerSecond) {
        return throttle(Direction.REQUESTS, bytesPerSecond).throttle(Direction.RESPONSES, bytesPerSecond);
    }

    /** Limits traffic going {@code direction} to {@code bytesPerSecond}, shared by all connections; 0 lifts it. */
    public FaultProxy throttle(Direction direction, long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bytesPerSecond must be zero (no limit) or positive, was " + bytesPerSecond);
        }
        if (Objects.requireNonNull(direction, "direction") == Direction.REQUESTS) {
            plan.throttleRequests(bytesPerSecond);
        } else {
            plan.throttleResponses(bytesPerSecond);
        }
        return this;
    }

    /** Closes every connection open through this proxy now; clients may connect again at once. Returns how many. */
    public int cutConnections() {
        return server.cutAll();
    }

    /**
     * Closes each connection accepted from now on a random time from {@code min} to {@code max} after it was
     * dialled (franz-go's chaos test cuts at 0.5–1.5 s). Connections already open are left alone.
     */
    public FaultProxy cutAfterDial(Duration min, Duration max) {
        nonNegative("min", min);
        if (max == null || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("max must be at least min (" + min + "), was " + max);
        }
        plan.cutAfterDial(min.toNanos(), max.toNanos());
        return this;
    }

    /**
     * While on, the proxy accepts connections and reads requests but never answers: nothing reaches the broker
     * and nothing comes back, so clients see their requests time out. Connections accepted while on stay silent
     * after it is turned off; clients that reconnect are served again.
     */
    public FaultProxy blackhole(boolean on) {
        plan.blackhole(on);
        return this;
    }

    /** Adds a per-API fault; faults act in the order they were added, the first that fires on a request wins. */
    public FaultProxy inject(ApiFault fault) {
        Objects.requireNonNull(fault, "fault");
        if (fault.kind() == ApiFault.Kind.ANSWER_ERROR) {
            ErrorResponses.get().checkErrorCode(fault.errorCode());
        }
        plan.add(new ApiRule(fault.api().key(), ApiRule.Action.valueOf(fault.kind().name()), fault.errorCode(),
                fault.delay().toNanos(), fault.probability(), fault.times()));
        return this;
    }

    /** Clears every fault (latency, throttle, cuts after dial, blackhole, per-API faults); the counts stay. */
    public FaultProxy heal() {
        plan.heal();
        return this;
    }

    /** Re-seeds this proxy's random choices, for a run that repeats the last one's. */
    public FaultProxy seed(long seed) {
        plan.seed(seed);
        return this;
    }

    /** The seed of this proxy's random choices: print it when a test fails, to repeat the run. */
    public long seed() {
        return plan.seed();
    }

    /** What the faults did since the proxy started or {@link #resetCounts()}. */
    public FaultCounts counts() {
        ProxyCounters c = plan.counters();
        return new FaultCounts(c.connections(), c.connectionsCut(), c.connectionsCutAfterDial(), c.requestsBlackholed(),
                c.responsesDropped(), c.errorsAnswered(), c.responsesDelayed(), c.bytesToBroker(), c.bytesToClients());
    }

    /** Sets every count back to zero. */
    public FaultProxy resetCounts() {
        plan.counters().reset();
        return this;
    }

    /** Stops listening and closes every connection. */
    void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "FaultProxy[127.0.0.1:" + port() + ", seed=" + seed() + "]";
    }

    private static Duration nonNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive, was " + value);
        }
        return value;
    }
}
