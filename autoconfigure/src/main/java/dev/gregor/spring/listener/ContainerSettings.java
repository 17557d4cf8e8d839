package dev.gregor.spring.listener;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import dev.gregor.Backend;
import dev.gregor.InvalidConfigException;
import dev.gregor.consumer.OffsetReset;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link TopicListenerContainerFactory}'s containers behave; the auto-configured factory's come from
 * {@code gregor.listener.*} and {@code gregor.consumer.*}. Use {@code with...} copies to vary one setting.
 *
 * @param commitInterval   how often processed offsets are committed
 * @param maxAttempts      attempts of a failing record before the dead-letter topic
 * @param retryBackoff     the waits between attempts
 * @param notRetryable     failures (also as a cause) that go to the dead-letter topic at once, without retries
 * @param deadLetter       whether failed records go to their dead-letter topic (otherwise the container stops)
 * @param pollTimeout      how long one wait for a record lasts
 * @param autoOffsetReset  where a group without offsets starts
 * @param zookeeperConnect ZooKeeper for ZOOKEEPER-coordinated listeners, or null
 * @param backend          the engine the containers' consumers fetch with
 * @param revokeTimeout    how long a revocation waits for the listener to finish the records of a revoked partition
 *                         in hand before committing (past them if it finished, up to the first unfinished if not)
 * @param maxBatchSize     the most records a batch listener gets in one call
 * @param consumer         how the containers' consumers are tuned, unless a listener's attributes say otherwise
 */
public record ContainerSettings(Duration commitInterval, int maxAttempts, RetryBackoff retryBackoff,
                                Set<Class<? extends Throwable>> notRetryable, boolean deadLetter,
                                Duration pollTimeout, OffsetReset autoOffsetReset, @Nullable String zookeeperConnect,
                                Backend backend, Duration revokeTimeout, int maxBatchSize, ConsumerSettings consumer) {

    /**
     * Checks the values.
     *
     * @throws InvalidConfigException for intervals and poll timeouts that are not positive, a negative revoke
     *                                timeout, or fewer than one attempt or than one record per batch
     */
    public ContainerSettings {
        positive("commitInterval", commitInterval);
        positive("pollTimeout", pollTimeout);
        if (retryBackoff == null) {
            throw new InvalidConfigException("retryBackoff", null, "a RetryBackoff");
        }
        notRetryable = Set.copyOf(notRetryable);
        if (revokeTimeout == null || revokeTimeout.isNegative()) {
            throw new InvalidConfigException("revokeTimeout", revokeTimeout, "a duration of 0 or more");
        }
        Objects.requireNonNull(consumer, "consumer");
        if (maxAttempts < 1) {
            throw new InvalidConfigException("maxAttempts", maxAttempts, "1 or more (1 = no retry)");
        }
        if (maxBatchSize < 1) {
            throw new InvalidConfigException("maxBatchSize", maxBatchSize, "1 or more");
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidConfigException(name, value, "a positive duration");
        }
    }

    /** A copy with another number of attempts per failing record. */
    public ContainerSettings withMaxAttempts(int attempts) {
        return new ContainerSettings(commitInterval, attempts, retryBackoff, notRetryable, deadLetter, pollTimeout,
                autoOffsetReset, zookeeperConnect, backend, revokeTimeout, maxBatchSize, consumer);
    }

    /** A copy with other waits between attempts. */
    public ContainerSettings withRetryBackoff(RetryBackoff backoff) {
        return new ContainerSettings(commitInterval, maxAttempts, backoff, notRetryable, deadLetter, pollTimeout,
                autoOffsetReset, zookeeperConnect, backend, revokeTimeout, maxBatchSize, consumer);
    }

    /** A copy with other failures that skip the retries. */
    public ContainerSettings withNotRetryable(Set<Class<? extends Throwable>> failures) {
        return new ContainerSettings(commitInterval, maxAttempts, retryBackoff, failures, deadLetter, pollTimeout,
                autoOffsetReset, zookeeperConnect, backend, revokeTimeout, maxBatchSize, consumer);
    }

    /** A copy with dead-lettering on or off. */
    public ContainerSettings withDeadLetter(boolean enabled) {
        return new ContainerSettings(commitInterval, maxAttempts, retryBackoff, notRetryable, enabled, pollTimeout,
                autoOffsetReset, zookeeperConnect, backend, revokeTimeout, maxBatchSize, consumer);
    }

    /** A copy with another reset policy for groups without offsets. */
    public ContainerSettings withAutoOffsetReset(OffsetReset reset) {
        return new ContainerSettings(commitInterval, maxAttempts, retryBackoff, notRetryable, deadLetter, pollTimeout,
                reset, zookeeperConnect, backend, revokeTimeout, maxBatchSize, consumer);
    }

    /** A copy with another bound on a revocation's wait for the records in hand. */
    public ContainerSettings withRevokeTimeout(Duration timeout) {
        return new ContainerSettings(commitInterval, maxAttempts, retryBackoff, notRetryable, deadLetter, pollTimeout,
                autoOffsetReset, zookeeperConnect, backend, timeout, maxBatchSize, consumer);
    }

    /** A copy with another bound of the records a batch listener gets in one call. */
    public ContainerSettings withMaxBatchSize(int records) {
        return new ContainerSettings(commitInterval, maxAttempts, retryBackoff, notRetryable, deadLetter, pollTimeout,
                autoOffsetReset, zookeeperConnect, backend, revokeTimeout, records, consumer);
    }

    /** A copy whose consumers are tuned by {@code tuning}. */
    public ContainerSettings withConsumer(ConsumerSettings tuning) {
        return new ContainerSettings(commitInterval, maxAttempts, retryBackoff, notRetryable, deadLetter, pollTimeout,
                autoOffsetReset, zookeeperConnect, backend, revokeTimeout, maxBatchSize, tuning);
    }
}
