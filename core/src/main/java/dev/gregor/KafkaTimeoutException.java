package dev.gregor;

import java.time.Duration;

/** An operation did not complete within its timeout. */
public final class KafkaTimeoutException extends KafkaException {

    /** For {@code operation} that took longer than {@code timeout}, with a hint at the setting to raise. */
    public KafkaTimeoutException(String operation, Duration timeout, String hint) {
        super(operation + " did not complete within " + timeout.toMillis() + " ms. " + hint);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }

    private KafkaTimeoutException(KafkaTimeoutException original) {
        super(original);
    }

    @Override
    KafkaException rethrown() {
        return new KafkaTimeoutException(this);
    }
}
