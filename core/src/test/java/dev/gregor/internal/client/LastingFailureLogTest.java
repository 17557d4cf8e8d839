package dev.gregor.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.gregor.support.CapturedLog;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LastingFailureLogTest {

    private static final String LOGGER = LastingFailureLogTest.class.getName();

    private final AtomicLong now = new AtomicLong();
    private final LastingFailureLog failures = new LastingFailureLog(LoggerFactory.getLogger(LOGGER),
            "Getting a producer id", Duration.ofSeconds(10), now::get);

    @Test
    void aFailureThatLastsIsWarnedOnceAndItsEndIsTold() {
        try (CapturedLog log = CapturedLog.start()) {
            failEverySecondFor(9);
            assertThat(log.lines(LOGGER)).as("failures younger than the patience").isEmpty();

            failEverySecondFor(20);
            assertThat(log.lines(LOGGER)).containsExactly("[main] WARN " + LOGGER + " - Getting a producer id has"
                    + " failed for 10 s (11 attempts) and is still being retried: COORDINATOR_LOAD_IN_PROGRESS");

            failures.succeeded();
            assertThat(log.lines(LOGGER, "INFO")).containsExactly(
                    "[main] INFO " + LOGGER + " - Getting a producer id succeeded after 29 failed attempts");
        }
    }

    @Test
    void aBriefFailureIsNeverWarnedAndEachTimeItStartsAfreshTheClockDoes() {
        try (CapturedLog log = CapturedLog.start()) {
            failEverySecondFor(9);
            failures.succeeded();
            failEverySecondFor(9);
            failures.succeeded();

            assertThat(log.lines(LOGGER)).isEmpty();
        }
    }

    private void failEverySecondFor(int seconds) {
        for (int i = 0; i < seconds; i++) {
            failures.failed("COORDINATOR_LOAD_IN_PROGRESS");
            now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        }
    }
}
