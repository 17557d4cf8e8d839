package dev.gregor.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The faults one proxy applies right now, changed by the test while traffic flows, and what they did. Every random
 * choice (which request a rule fires on, when a dialled connection is cut) comes from one generator with a known
 * seed, so a run with the same seed and the same order of requests makes the same choices.
 */
public final class FaultPlan {

    private final ProxyCounters counters = new ProxyCounters();
    private final Throttle toBroker = new Throttle();
    private final Throttle toClients = new Throttle();
    private final List<ApiRule> rules = new ArrayList<>();
    private volatile long requestLatencyNanos;
    private volatile long responseLatencyNanos;
    private volatile boolean blackholed;
    private long cutAfterDialMinNanos = -1;
    private long cutAfterDialMaxNanos = -1;
    private long seed;
    private Random random;

    /** A plan without faults, its randomness seeded with {@code seed}. */
    public FaultPlan(long seed) {
        seed(seed);
    }

    /** What the faults did so far. */
    public ProxyCounters counters() {
        return counters;
    }

    /** Re-seeds the random choices. */
    public synchronized void seed(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** The seed of the random choices. */
    public synchronized long seed() {
        return seed;
    }

    /** Delay added to each request on its way to the broker. */
    public void requestLatency(long nanos) {
        requestLatencyNanos = nanos;
    }

    /** Delay added to each response on its way to the client. */
    public void responseLatency(long nanos) {
        responseLatencyNanos = nanos;
    }

    /** Bandwidth towards the broker, shared by all connections; 0 for none. */
    public void throttleRequests(long bytesPerSecond) {
        toBroker.rate(bytesPerSecond);
    }

    /** Bandwidth towards the clients, shared by all connections; 0 for none. */
    public void throttleResponses(long bytesPerSecond) {
        toClients.rate(bytesPerSecond);
    }

    /** Whether requests are read and thrown away, and nothing is answered. */
    public void blackhole(boolean on) {
        blackholed = on;
    }

    /** Cuts each new connection a random time from {@code minNanos} to {@code maxNanos} after it is accepted. */
    public synchronized void cutAfterDial(long minNanos, long maxNanos) {
        cutAfterDialMinNanos = minNanos;
        cutAfterDialMaxNanos = maxNanos;
    }

    /** Adds a per-API fault after the ones already there (the first that fires on a request wins). */
    public synchronized void add(ApiRule rule) {
        rules.add(rule);
    }

    /** Clears every fault; the counts and the seed stay. */
    public synchronized void heal() {
        requestLatencyNanos = 0;
        responseLatencyNanos = 0;
        toBroker.rate(0);
        toClients.rate(0);
        blackholed = false;
        cutAfterDialMinNanos = -1;
        cutAfterDialMaxNanos = -1;
        rules.clear();
    }

    long requestLatencyNanos() {
        return requestLatencyNanos;
    }

    long responseLatencyNanos() {
        return responseLatencyNanos;
    }

    Throttle toBroker() {
        return toBroker;
    }

    Throttle toClients() {
        return toClients;
    }

    boolean blackholed() {
        return blackholed;
    }

    /** When to cut a connection just accepted, in nanoseconds from now, or -1 for never. */
    synchronized long cutAfterDialNanos() {
        if (cutAfterDialMinNanos < 0) {
            return -1;
        }
        long spread = cutAfterDialMaxNanos - cutAfterDialMinNanos;
        return cutAfterDialMinNanos + (spread == 0 ? 0 : (long) (random.nextDouble() * (spread + 1)));
    }

    /** The rule that acts on a request of {@code apiKey}, or null to pass it on unharmed. */
    synchronized ApiRule ruleFor(int apiKey) {
        for (ApiRule rule : rules) {
            if (rule.fires(apiKey, random)) {
                return rule;
            }
        }
        return null;
    }
}
