/**
 * Kafka's RecordBatch format (magic 2): varint-encoded records, CRC32C, producer id, epoch and sequence, and the
 * batch compression codecs.
 */
package dev.gregor.internal.protocol.record;
