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
        DELAY_RESPONSE,
        /** Flip one bit of the marker in the request, then forward it. */
        CORRUPT_REQUEST
    }

    private final int apiKey;
    private final Action action;
    private final int errorCode;
    private final long delayNanos;
    private final double probability;
    private final byte[] marker;
    private int remaining;

    /**
     * A rule; {@code times} below zero means no limit; with a {@code marker} (else null) it acts only on requests
     * that contain those bytes.
     */
    public ApiRule(int apiKey, Action action, int errorCode, long delayNanos, double probability, int times,
                   byte[] marker) {
        this.apiKey = apiKey;
        this.action = action;
        this.errorCode = errorCode;
        this.delayNanos = delayNanos;
        this.probability = probability;
        this.remaining = times;
        this.marker = marker == null ? null : marker.clone();
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

    /** Where the marker starts in {@code frame}, or -1 (also for a rule without a marker). */
    int markerAt(byte[] frame) {
        if (marker == null) {
            return -1;
        }
        for (int start = 0; start + marker.length <= frame.length; start++) {
            if (java.util.Arrays.equals(frame, start, start + marker.length, marker, 0, marker.length)) {
                return start;
            }
        }
        return -1;
    }

    /** Whether the rule acts on this request (and counts it if so). */
    boolean fires(int requestApiKey, byte[] frame, Random random) {
        if (requestApiKey != apiKey || remaining == 0 || (marker != null && markerAt(frame) < 0)) {
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
