/** The kafka-clients backend's producer, record source and settings translation; may change. */
package dev.gregor.backend.kafkaclients.internal;
