package dev.gregor.reliability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Whether a run's resources stayed flat: the samples of its last quarter are compared with those of its second
 * quarter (the first is warm-up: pools and caches fill, the JIT compiles), by their medians. Growth beyond the
 * allowance in heap, direct memory or threads is what a leak looks like.
 *
 * @param early the second quarter's medians
 * @param late  the last quarter's medians
 */
public record ResourceTrend(ResourceSample early, ResourceSample late) {

    /** Heap growth allowed between the two quarters. */
    public static final long HEAP_ALLOWANCE_BYTES = 16L << 20;
    /** Direct memory growth allowed (Netty's pool grows by whole chunks). */
    public static final long DIRECT_ALLOWANCE_BYTES = 16L << 20;
    /** Threads allowed beyond the early median (a reconnect may have a short-lived thread). */
    public static final int THREAD_ALLOWANCE = 2;

    /** The trend of {@code samples} (at least 8, in time order). */
    public static ResourceTrend of(List<ResourceSample> samples) {
        if (samples.size() < 8) {
            throw new IllegalArgumentException("A trend needs at least 8 samples, got " + samples.size());
        }
        int quarter = samples.size() / 4;
        return new ResourceTrend(median(samples.subList(quarter, 2 * quarter)),
                median(samples.subList(samples.size() - quarter, samples.size())));
    }

    /** Whether heap, direct memory and threads all stayed within their allowances. */
    public boolean flat() {
        return late.heapAfterGcBytes() - early.heapAfterGcBytes() <= HEAP_ALLOWANCE_BYTES
                && late.nettyDirectBytes() - early.nettyDirectBytes() <= DIRECT_ALLOWANCE_BYTES
                && late.jdkDirectBytes() - early.jdkDirectBytes() <= DIRECT_ALLOWANCE_BYTES
                && late.threads() - early.threads() <= THREAD_ALLOWANCE;
    }

    @Override
    public String toString() {
        return "heap " + ResourceSample.mebibytes(early.heapAfterGcBytes()) + " -> "
                + ResourceSample.mebibytes(late.heapAfterGcBytes()) + ", netty direct "
                + ResourceSample.mebibytes(early.nettyDirectBytes()) + " -> "
                + ResourceSample.mebibytes(late.nettyDirectBytes()) + ", jdk direct "
                + ResourceSample.mebibytes(early.jdkDirectBytes()) + " -> "
                + ResourceSample.mebibytes(late.jdkDirectBytes()) + ", threads " + early.threads() + " -> "
                + late.threads();
    }

    private static ResourceSample median(List<ResourceSample> samples) {
        return new ResourceSample(samples.get(samples.size() / 2).elapsedSeconds(),
                medianOf(samples, ResourceSample::heapAfterGcBytes), medianOf(samples, ResourceSample::nettyDirectBytes),
                medianOf(samples, ResourceSample::jdkDirectBytes),
                (int) medianOf(samples, sample -> sample.threads()));
    }

    private static long medianOf(List<ResourceSample> samples, ToLongFunction<ResourceSample> value) {
        List<ResourceSample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparingLong(value));
        return value.applyAsLong(sorted.get(sorted.size() / 2));
    }
}
