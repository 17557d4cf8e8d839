package dev.gregor.internal.protocol;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.junit.jupiter.api.Test;

/** The fuzzing's judge: what it lets through and what it fails. */
class DecoderInvariantsTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static volatile int sink;

    @Test
    void aDecodingThatBurnsMoreThanASecondOfCpuFails() {
        assertThatThrownBy(() -> DecoderInvariants.check(() -> spinCpu(1_100_000_000L), failure -> false,
                Long.MAX_VALUE, () -> "spinning case"))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("spinning case: took ")
                .hasMessageEndingWith(" ms of CPU time");
    }

    @Test
    void aDecodingFailingWithAnAcceptedExceptionPassesAndAnyOtherFails() {
        assertThatCode(() -> DecoderInvariants.check(() -> {
            throw new MalformedMessageException("field", "spoiled");
        }, failure -> failure instanceof MalformedMessageException, Long.MAX_VALUE, () -> "clean")).doesNotThrowAnyException();
        assertThatThrownBy(() -> DecoderInvariants.check(() -> {
            throw new IllegalStateException("escaped");
        }, failure -> failure instanceof MalformedMessageException, Long.MAX_VALUE, () -> "escaping case"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("escaping case: failed with")
                .hasMessageContaining("escaped");
    }

    @Test
    void aDecodingAllocatingOverItsBoundTwiceFails() {
        assertThatThrownBy(() -> DecoderInvariants.check(() -> consume(new byte[1 << 20]), failure -> false, 1024,
                () -> "greedy case"))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("greedy case: allocated ");
    }

    private static void spinCpu(long nanos) {
        long until = THREADS.getCurrentThreadCpuTime() + nanos;
        while (THREADS.getCurrentThreadCpuTime() < until) {
            Thread.onSpinWait();
        }
    }

    private static void consume(byte[] bytes) {
        sink = bytes.length;
    }
}
