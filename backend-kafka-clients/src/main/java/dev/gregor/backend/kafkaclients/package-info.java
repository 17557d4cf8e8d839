/**
 * Gregor's producers and consumers on Apache {@code kafka-clients}: chosen with {@code Backend.KAFKA_CLIENTS} in a
 * {@code ProducerConfig} or {@code ConsumerConfig}, found through {@link java.util.ServiceLoader}.
 */
package dev.gregor.backend.kafkaclients;
