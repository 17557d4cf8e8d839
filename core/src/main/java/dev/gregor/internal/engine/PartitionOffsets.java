package dev.gregor.internal.engine;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.gregor.TopicPartition;

/** Where a timestamp falls in partitions of any topics: what a record source asks to reset an offset out of range. */
@FunctionalInterface
public interface PartitionOffsets {

    /** Each of {@code partitions} to its offset at {@code timestamp} (-2 earliest, -1 latest, else epoch ms). */
    CompletableFuture<Map<TopicPartition, Long>> at(Collection<TopicPartition> partitions, long timestamp);
}
