package dev.gregor.internal.protocol;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs one decoding of spoiled input and checks what every decoder promises: it succeeds or fails with an accepted
 * exception, allocates at most a bound, and finishes within a second of its thread's CPU time (CPU time, not the
 * clock: a decoder that loops burns it, while a machine so loaded that the thread waits for a core does not, and
 * such waits made cases of a few hundred bytes "take" over a second). A case over the allocation bound is decoded
 * once more and judged by that second run: the first execution of a code path links its string concatenations and
 * loads classes (hundreds of KiB, once per JVM), which no later frame pays again.
 */
public final class DecoderInvariants {

    private static final long SLOW_CASE_NANOS = 1_000_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DecoderInvariants() {
    }

    /** One decoding, repeatable: each run reads its own copy of the input and releases what it decoded. */
    @FunctionalInterface
    public interface Decoding {
        /** Decodes, throwing what the decoder throws. */
        void run();
    }

    /**
     * Decodes and checks the invariants; fails with an {@link AssertionError} that starts with {@code what}.
     *
     * @param decoding the decoding to run
     * @param accepted which failures are clean ones (the exception type and what its message must say)
     * @param maxBytes the most bytes the decoding may allocate
     * @param what the case, for the failure message (built only on failure)
     */
    public static void check(Decoding decoding, Predicate<RuntimeException> accepted, long maxBytes,
                             Supplier<String> what) {
        long start = THREADS.getCurrentThreadCpuTime();
        long allocated = measured(decoding, accepted, what);
        long nanos = THREADS.getCurrentThreadCpuTime() - start;
        if (nanos > SLOW_CASE_NANOS) {
            throw new AssertionError(what.get() + ": took " + nanos / 1_000_000 + " ms of CPU time");
        }
        if (allocated > maxBytes && measured(decoding, accepted, what) > maxBytes) {
            throw new AssertionError(what.get() + ": allocated " + allocated + " bytes, more than " + maxBytes);
        }
    }

    private static long measured(Decoding decoding, Predicate<RuntimeException> accepted, Supplier<String> what) {
        long before = AllocationMeter.allocatedBytes();
        try {
            decoding.run();
        } catch (RuntimeException failure) {
            if (!accepted.test(failure)) {
                throw new AssertionError(what.get() + ": failed with " + failure, failure);
            }
        }
        return AllocationMeter.allocatedBytes() - before;
    }
}
