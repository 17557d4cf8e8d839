package dev.gregor.producer;

import java.util.Optional;

import dev.gregor.KafkaException;

/**
 * What became of one produced record: where it was written, or why it was not. Every produced record gets
 * exactly one report.
 *
 * @param record    the record as given to the producer
 * @param topic     the topic
 * @param partition the partition it went (or was meant) to, or -1 if none was chosen
 * @param offset    its offset in the partition, or -1 (failed, or acks=0)
 * @param timestamp the timestamp the broker stored, or -1
 * @param error     why it was not delivered, if it was not
 */
public record DeliveryReport(ProducerRecord record, String topic, int partition, long offset, long timestamp,
                             Optional<KafkaException> error) {

    /** Whether the record was delivered. */
    public boolean delivered() {
        return error.isEmpty();
    }
}
