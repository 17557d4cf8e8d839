package dev.gregor.cli.produce;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.gregor.cli.support.Durations;
import dev.gregor.producer.ProducerRecord;

/** Counts what {@code produce} sent and what failed (with the first failure's reason), from any thread. */
final class DeliveryTally {

    private long records;
    private long bytes;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

    /** Counts a record about to be sent (on the reading thread). */
    void sent(ProducerRecord record) {
        records++;
        bytes += (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
    }

    /** Counts a record that was not delivered. */
    void failed(Throwable why) {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, why);
    }

    long failed() {
        return failed.get();
    }

    /** {@code Produced 10 records (1,000 bytes) to 'orders' in 120 ms}, with the failures if any. */
    String describe(String topic, Duration took) {
        String line = "Produced " + (records - failed()) + (failed() > 0 ? " of " + records : "") + " records ("
                + bytes + " bytes of keys and values) to '" + topic + "' in " + Durations.describe(took);
        if (failed() == 0) {
            return line + ".";
        }
        return line + "; " + failed() + " failed, the first because: "
                + String.valueOf(firstFailure.get().getMessage()).replaceAll("\\s*\\R\\s*", " ");
    }

    Map<String, Object> toJson(String topic, Duration took) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("topic", topic);
        data.put("records", records);
        data.put("delivered", records - failed());
        data.put("failed", failed());
        data.put("bytes", bytes);
        data.put("millis", took.toMillis());
        Throwable first = firstFailure.get();
        data.put("firstError", first == null ? null : first.getMessage());
        return data;
    }
}
