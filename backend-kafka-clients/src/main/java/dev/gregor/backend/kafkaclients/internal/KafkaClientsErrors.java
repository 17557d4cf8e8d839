package dev.gregor.backend.kafkaclients.internal;

import dev.gregor.AuthenticationException;
import dev.gregor.AuthorizationException;
import dev.gregor.DeliveryException;
import dev.gregor.KafkaException;
import dev.gregor.RecordTooLargeException;
import dev.gregor.UnknownTopicException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Turns kafka-clients' exceptions into Gregor's, so both backends fail the same way. */
final class KafkaClientsErrors {

    private KafkaClientsErrors() {
    }

    static KafkaException translate(String topic, int partition, Throwable error) {
        if (error instanceof KafkaException gregor) {
            return gregor;
        }
        if (error instanceof org.apache.kafka.common.errors.RecordTooLargeException) {
            return new RecordTooLargeException("A record for topic '" + topic + "' is larger than the broker accepts ("
                    + error.getMessage() + "): the topic's max.message.bytes is smaller than the producer knew (lowered"
                    + " since it started, or not readable then). Send a smaller record, or raise the topic's"
                    + " max.message.bytes.");
        }
        if (error instanceof UnknownTopicOrPartitionException) {
            return new UnknownTopicException(topic);
        }
        if (error instanceof TopicAuthorizationException) {
            return new AuthorizationException("write to", "topic '" + topic + "'");
        }
        if (error instanceof org.apache.kafka.common.errors.AuthenticationException) {
            return new AuthenticationException("kafka-clients could not authenticate: " + error.getMessage(), error);
        }
        if (error instanceof org.apache.kafka.common.errors.TimeoutException) {
            return new DeliveryException(topic, partition, "not delivered within deliveryTimeout ("
                    + error.getMessage() + ")", error);
        }
        return new DeliveryException(topic, partition, String.valueOf(error.getMessage()), error);
    }
}
