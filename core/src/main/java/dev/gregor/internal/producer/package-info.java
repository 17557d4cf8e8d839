/**
 * The producer's machinery: the handle users hold ({@link dev.gregor.internal.producer.ProducerHandle}, on either
 * backend) and Gregor's own engine under it — per-(topic, partition) batches filled by the producing threads, one
 * sender thread per engine that drains ready batches of every topic into one Produce request per leader, and the
 * engine's idempotence state (one producer id, sequence numbers per topic-partition).
 */
package dev.gregor.internal.producer;
