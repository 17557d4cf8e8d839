/**
 * Gregor's public API: {@link dev.gregor.KafkaClient}, the entry point, and what flows from it — topics,
 * partitions, brokers, cluster metadata — plus the exceptions every operation may raise.
 */
package dev.gregor;
