package dev.gregor.internal.protocol;

import java.util.concurrent.atomic.AtomicLong;

/** Counts the cases a fuzz property ran and prints its figure: cases per decoder and cases per second. */
public final class FuzzRate {

    private final String what;
    private final int decoders;
    private final AtomicLong cases = new AtomicLong();
    private volatile long firstCaseNanos;

    /** A rate for {@code decoders} decoders, each given one case per try, named {@code what} in the figure. */
    public FuzzRate(String what, int decoders) {
        this.what = what;
        this.decoders = decoders;
    }

    /** Counts one try: a case for every decoder. */
    public void tried() {
        if (cases.getAndAdd(decoders) == 0) {
            firstCaseNanos = System.nanoTime();
        }
    }

    /** Prints the figure, e.g. for a script that collects the long run's rates. */
    public void print() {
        double seconds = (System.nanoTime() - firstCaseNanos) / 1e9;
        System.out.printf("Fuzzed %s: %d cases (%d per decoder, %d decoders) in %.1f s, %.0f cases/s%n", what,
                cases.get(), cases.get() / decoders, decoders, seconds, cases.get() / seconds);
    }
}
