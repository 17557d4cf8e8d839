/**
 * Consuming a topic: {@link dev.gregor.consumer.SimpleConsumer} (all partitions or a chosen subset, offsets
 * optionally stored for a consumer group), its configuration, and offset reset policies.
 */
package dev.gregor.consumer;
