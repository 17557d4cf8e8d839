/** Partition choice internals: the murmur2 hash that keyed placement shares with {@code kafka-clients}. */
package dev.gregor.internal.partition;
