package dev.gregor.cli.produce;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.gregor.cli.support.Durations;
import dev.gregor.producer.ProducerRecord;

/**
 * Counts what {@code produce} sent and what failed: with the first failure's reason where it was seen, else (records
 * that failed after being queued) as a count from the producer.
 */
final class DeliveryTally {

    private long records;
    private long bytes;
    private long failed;
    private long failedUnseen;
    private Throwable firstFailure;

    /** Counts a record about to be sent (on the reading thread). */
    void sent(ProducerRecord record) {
        records++;
        bytes += (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
    }

    /** Counts a record that was not delivered, for {@code why}. */
    void failed(Throwable why) {
        failed++;
        if (firstFailure == null) {
            firstFailure = why;
        }
    }

    /** Counts records that failed after they were queued, whose reasons the producer logged (with --verbose). */
    void failedUnseen(long count) {
        failedUnseen = count;
    }

    long failed() {
        return failed + failedUnseen;
    }

    /** {@code Produced 10 records (1,000 bytes) to 'orders' in 120 ms}, with the failures if any. */
    String describe(String topic, Duration took) {
        String line = "Produced " + (records - failed()) + (failed() > 0 ? " of " + records : "") + " records ("
                + bytes + " bytes of keys and values) to '" + topic + "' in " + Durations.describe(took);
        if (failed() == 0) {
            return line + ".";
        }
        String why = firstFailure != null
                ? "the first because: " + String.valueOf(firstFailure.getMessage()).replaceAll("\\s*\\R\\s*", " ")
                : "after they were queued (the brokers refused them or did not answer in time; run with --sync to see"
                + " each record's error, or --verbose for the producer's log)";
        return line + "; " + failed() + " failed, " + why;
    }

    Map<String, Object> toJson(String topic, Duration took) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("topic", topic);
        data.put("records", records);
        data.put("delivered", records - failed());
        data.put("failed", failed());
        data.put("bytes", bytes);
        data.put("millis", took.toMillis());
        data.put("firstError", firstFailure == null ? null : firstFailure.getMessage());
        return data;
    }
}
