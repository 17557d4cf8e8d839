package dev.gregor.benchmarks.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends records at {@link Scenario#LATENCY_RATE} a second and times each from the send call to its acknowledgement:
 * warm-up records first (not counted), then the measured ones, as many as the {@link Sizing} gives at that rate.
 * Any failed send fails the run.
 */
public final class FixedRateRun {

    /** Sends one record and reports its outcome to {@code outcome} (an error, or null once acknowledged). */
    @FunctionalInterface
    public interface RecordSender {
        void send(Outcome outcome) throws Exception;
    }

    /** Told once whether a record was acknowledged. */
    @FunctionalInterface
    public interface Outcome {
        void done(Throwable error);
    }

    private FixedRateRun() {
    }

    /** The measured result of {@code client} sending records through {@code sender}, after its warm-up ones. */
    public static Result run(String client, Scenario scenario, Sizing sizing, RecordSender sender) throws Exception {
        pace(sizing.fixedRateRecords(scenario, false, Scenario.LATENCY_RATE), sender, null);
        int records = sizing.fixedRateRecords(scenario, true, Scenario.LATENCY_RATE);
        long[] latencies = new long[records];
        Measurement measurement = new Measurement();
        pace(records, sender, latencies);
        return measurement.finish(client, scenario, records, Measurement.percentileMicros(latencies, 50),
                Measurement.percentileMicros(latencies, 99));
    }

    private static void pace(int records, RecordSender sender, long[] latencies) throws Exception {
        CountDownLatch acknowledged = new CountDownLatch(records);
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        Measurement pacing = new Measurement();
        for (int i = 0; i < records; i++) {
            pacing.paceTo(i, Scenario.LATENCY_RATE);
            int index = i;
            long sent = System.nanoTime();
            sender.send(error -> {
                if (latencies != null) {
                    latencies[index] = System.nanoTime() - sent;
                }
                if (error != null) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, error);
                }
                acknowledged.countDown();
            });
        }
        if (!acknowledged.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(acknowledged.getCount() + " of " + records + " records were not acknowledged within 60 s");
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + records + " records failed", firstFailure.get());
        }
    }
}
