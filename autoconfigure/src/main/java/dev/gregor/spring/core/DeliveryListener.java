package dev.gregor.spring.core;

import dev.gregor.producer.DeliveryReport;

/**
 * Told about every record a {@link TopicTemplate} sends, once delivered or failed. Declare beans of this type; they
 * run on the producer's I/O thread, so keep them quick and never block in them.
 */
public interface DeliveryListener {

    /** The record was written; the report says where. */
    default void delivered(DeliveryReport report) {
    }

    /** The record could not be delivered; the report carries the error. */
    default void failed(String topic, Throwable error) {
    }
}
