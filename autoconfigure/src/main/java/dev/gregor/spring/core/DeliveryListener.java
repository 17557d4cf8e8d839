package dev.gregor.spring.core;

import dev.gregor.producer.DeliveryReport;

/**
 * Told about every record a {@link TopicTemplate} sends: once per record, either {@link #delivered} or
 * {@link #failed}; the future that {@code send} returned completes only after every listener has been told. Declare
 * beans of this type; they are called in bean order. They run on whichever thread completes the send: usually the producer's
 * own background thread, the template's lookup thread when the topic could not be looked up, or the caller's thread
 * when the send fails at once (a record too large, too many records waiting, the template closed). Keep them quick
 * and never block in them. An exception thrown by one is logged and ignored: the future's outcome stands and the
 * other listeners are still called.
 */
public interface DeliveryListener {

    /** The record was written; the report says where (partition and offset). */
    default void delivered(DeliveryReport report) {
    }

    /**
     * The record was not written (the template does not retry it); its future fails with the same error.
     *
     * @param topic the topic the record was sent to
     * @param error why: usually a {@link dev.gregor.KafkaException} (the topic does not exist or could not be looked
     *              up, the broker refused the record, the delivery timeout passed, the template or client closed)
     */
    default void failed(String topic, Throwable error) {
    }
}
