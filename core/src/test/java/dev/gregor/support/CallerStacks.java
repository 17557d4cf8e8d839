package dev.gregor.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import dev.gregor.KafkaException;

/** Checks that a blocking call rethrew a failure from the waiting thread rather than the I/O thread's original. */
public final class CallerStacks {

    private CallerStacks() {
    }

    /**
     * {@code thrown} is a {@link KafkaException} whose stack trace passes through {@code testMethod}, caused by one of
     * the same type and message that was made on another thread (its stack never passes through the test).
     */
    public static void assertRethrownFor(Throwable thrown, String testMethod) {
        assertThat(thrown).isInstanceOf(KafkaException.class);
        assertThat(calls(thrown, testMethod)).as("the caller's frames in %s", thrown).isTrue();
        Throwable cause = thrown.getCause();
        assertThat(cause).as("cause of %s", thrown).isNotNull();
        assertThat(cause.getClass()).isEqualTo(thrown.getClass());
        assertThat(cause).hasMessage(thrown.getMessage());
        assertThat(calls(cause, testMethod)).as("the original's frames are another thread's").isFalse();
    }

    private static boolean calls(Throwable failure, String method) {
        return Arrays.stream(failure.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals(method));
    }
}
