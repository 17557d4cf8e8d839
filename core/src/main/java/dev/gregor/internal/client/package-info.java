/** The machinery behind {@code KafkaClient}: blocking on futures with clear errors, topic administration, offsets. */
package dev.gregor.internal.client;
