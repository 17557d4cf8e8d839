package dev.gregor.testkit.internal;

import java.util.Random;

/**
 * One per-API fault of a proxy: what to do to requests of one API key, with what probability, how many more times.
 * Not thread-safe: {@link FaultPlan} asks its rules one at a time.
 */
public final class ApiRule {

    /** What the rule does to a request it fires on. */
    public enum Action {
        /** Forward the request; withhold its response and every later one on the connection. */
        DROP_RESPONSE,
        /** Forward the request; when its response comes, close the connection instead of passing it on. */
        DROP_RESPONSE_AND_CLOSE,
        /** Do not forward the request; answer it with an error response made by the proxy. */
        ANSWER_ERROR,
        /** Forward the request; hold its response back for a while. */
        DELAY_RESPONSE
    }

    private final int apiKey;
    private final Action action;
    private final int errorCode;
    private final long delayNanos;
    private final double probability;
    private int remaining;

    /** A rule; {@code times} below zero means no limit. */
    public ApiRule(int apiKey, Action action, int errorCode, long delayNanos, double probability, int times) {
        this.apiKey = apiKey;
        this.action = action;
        this.errorCode = errorCode;
        this.delayNanos = delayNanos;
        this.probability = probability;
        this.remaining = times;
    }

    Action action() {
        return action;
    }

    int errorCode() {
        return errorCode;
    }

    long delayNanos() {
        return delayNanos;
    }

    /** Whether the rule acts on this request (and counts it if so). */
    boolean fires(int requestApiKey, Random random) {
        if (requestApiKey != apiKey || remaining == 0) {
            return false;
        }
        if (probability < 1.0 && random.nextDouble() >= probability) {
            return false;
        }
        if (remaining > 0) {
            remaining--;
        }
        return true;
    }
}
