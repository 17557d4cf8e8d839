package dev.gregor.spring.listener.internal;

import dev.gregor.Header;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.producer.ProducerRecord;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.spring.listener.DeadLetterTopicResolver;

/**
 * Writes records that could not be processed to the topic a {@link DeadLetterTopicResolver} names (created like its
 * source topic when missing) as a copy: key, value (a tombstone stays one), timestamp and every header in order,
 * then headers saying where it came from and what failed. The copy goes to the record's own partition number when the
 * dead-letter topic has at least as many partitions as the source; otherwise the partitioner picks one. Returns only
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
    private final DeadLetterTopicResolver resolver;
    private final DeadLetterTopics topics;

    /** Publishes through {@code template} to the topics {@code resolver} names, creating them with {@code client}. */
    public DeadLetterPublisher(KafkaClient client, TopicTemplate template, DeadLetterTopicResolver resolver) {
        this.client = client;
        this.template = template;
        this.resolver = resolver;
        this.topics = new DeadLetterTopics(client);
    }

    /**
     * Writes {@code message} with {@code failure} to its dead-letter topic and waits for the broker's answer; returns
     * the topic's name.
     *
     * @throws IllegalStateException if the resolver names no topic, or the record's own topic
     */
    public String publish(Message message, Throwable failure) {
        String target = resolver.topicFor(message, failure);
        if (target == null || target.isBlank() || target.equals(message.topic())) {
            throw new IllegalStateException("The DeadLetterTopicResolver " + resolver.getClass().getName() + " named "
                    + (target == null ? "no topic" : "'" + target + "'") + " for a failed record of '" + message.topic()
                    + "'; it must name another topic (a record written back to its own topic would fail again and"
                    + " again): fix the resolver, or return DeadLetterTopicResolver.defaultTopic(record.topic())");
        }
        int targetPartitions = topics.ensureExists(message.topic(), target);
        ProducerRecord record = ProducerRecord.of(message.value());
        if (message.partitionKey() != null) {
            record = record.withKey(message.partitionKey());
        }
        if (message.timestamp() >= 0) {
            record = record.withTimestamp(message.timestamp());
        }
        if (targetPartitions >= client.topic(message.topic()).partitions().size()) {
            record = record.withPartition(message.partitionId());
        }
        for (Header header : message.headers()) {
            record = record.withHeader(header);
        }
        record = record
                .withHeader(Header.of(EXCEPTION_CLASS, failure.getClass().getName()))
                .withHeader(Header.of(EXCEPTION_MESSAGE, String.valueOf(failure.getMessage())))
                .withHeader(Header.of(ORIGINAL_TOPIC, message.topic()))
                .withHeader(Header.of(ORIGINAL_PARTITION, Integer.toString(message.partitionId())))
                .withHeader(Header.of(ORIGINAL_OFFSET, Long.toString(message.offset())));
        template.send(target, record).join();
        return target;
    }
}
