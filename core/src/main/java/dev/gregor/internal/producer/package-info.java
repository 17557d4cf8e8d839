/**
 * The producer's machinery: per-partition batches filled by the producing threads, one sender thread that drains
 * ready batches into Produce requests per leader, and the idempotence state (producer id, sequence numbers).
 */
package dev.gregor.internal.producer;
