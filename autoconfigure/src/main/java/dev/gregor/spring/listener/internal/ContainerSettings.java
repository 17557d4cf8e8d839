package dev.gregor.spring.listener.internal;

import java.time.Duration;

import dev.gregor.consumer.OffsetReset;
import org.jspecify.annotations.Nullable;

/**
 * How containers behave, from {@code gregor.listener.*} and {@code gregor.consumer.*}.
 *
 * @param commitInterval   how often processed offsets are committed
 * @param maxAttempts      attempts of a failing record before the dead-letter topic
 * @param retryBackoff     first wait between attempts (doubling)
 * @param deadLetter       whether failed records go to {@code <topic>.DLT} (otherwise the container stops)
 * @param pollTimeout      how long one wait for a record lasts
 * @param autoOffsetReset  where a group without offsets starts
 * @param zookeeperConnect ZooKeeper for ZOOKEEPER-coordinated listeners, or null
 */
public record ContainerSettings(Duration commitInterval, int maxAttempts, Duration retryBackoff, boolean deadLetter,
                                Duration pollTimeout, OffsetReset autoOffsetReset, @Nullable String zookeeperConnect) {
}
