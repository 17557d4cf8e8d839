package dev.gregor.spring.listener.internal;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.gregor.Header;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.TopicExistsException;
import dev.gregor.producer.ProducerRecord;
import dev.gregor.spring.core.TopicTemplate;

/**
 * Writes records that could not be processed to {@code <topic>.DLT} (created like its source topic when missing),
 * with key, value, headers and partition kept, plus headers saying where it came from and what failed. Returns only
 * once the broker has the record, so the source offset is committed only after that.
 */
public final class DeadLetterPublisher {

    /** Header with the failure's class name. */
    public static final String EXCEPTION_CLASS = "gregor.dlt.exception-class";
    /** Header with the failure's message. */
    public static final String EXCEPTION_MESSAGE = "gregor.dlt.exception-message";
    /** Header with the source topic. */
    public static final String ORIGINAL_TOPIC = "gregor.dlt.original-topic";
    /** Header with the source partition. */
    public static final String ORIGINAL_PARTITION = "gregor.dlt.original-partition";
    /** Header with the source offset. */
    public static final String ORIGINAL_OFFSET = "gregor.dlt.original-offset";

    private final KafkaClient client;
    private final TopicTemplate template;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /** Publishes through {@code template}, creating topics with {@code client}. */
    public DeadLetterPublisher(KafkaClient client, TopicTemplate template) {
        this.client = client;
        this.template = template;
    }

    /** The dead-letter topic of {@code topic}. */
    public static String deadLetterTopic(String topic) {
        return topic + ".DLT";
    }

    /** Writes {@code message} with {@code failure} to its dead-letter topic and waits for the broker's answer. */
    public void publish(Message message, Throwable failure) {
        String target = deadLetterTopic(message.topic());
        ensureExists(message.topic(), target);
        ProducerRecord record = ProducerRecord.of(message.value() == null ? new byte[0] : message.value());
        if (message.partitionKey() != null) {
            record = record.withKey(message.partitionKey());
        }
        for (Header header : message.headers()) {
            record = record.withHeader(header);
        }
        record = record
                .withHeader(header(EXCEPTION_CLASS, failure.getClass().getName()))
                .withHeader(header(EXCEPTION_MESSAGE, String.valueOf(failure.getMessage())))
                .withHeader(header(ORIGINAL_TOPIC, message.topic()))
                .withHeader(header(ORIGINAL_PARTITION, Integer.toString(message.partitionId())))
                .withHeader(header(ORIGINAL_OFFSET, Long.toString(message.offset())));
        template.send(target, record).join();
    }

    private void ensureExists(String source, String target) {
        if (known.contains(target)) {
            return;
        }
        if (!client.topics().containsKey(target)) {
            int partitions = client.topic(source).partitions().size();
            int replication = Math.min(3, client.brokers().size());
            try {
                client.createTopic(target, partitions, replication);
            } catch (TopicExistsException raced) {
                // another container made it first
            }
        }
        known.add(target);
    }

    private static Header header(String key, String value) {
        return new Header(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
