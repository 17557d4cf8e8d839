package dev.gregor.spring.core;

/**
 * The record headers of request/reply: a {@link RequestReplyTemplate} request carries {@link #CORRELATION_ID} and
 * {@link #REPLY_TOPIC}; a {@code @TopicListener} that returns a value answers on the request's reply topic (or its
 * {@code @SendTo} topic) with the request's correlation headers copied back. spring-kafka's names
 * ({@code KafkaHeaders.CORRELATION_ID}, {@code REPLY_TOPIC}, {@code REPLY_PARTITION}) are honoured as well, so a
 * request made with them (by spring-kafka's {@code ReplyingKafkaTemplate}, or by any producer setting them) gets its
 * answer from a Gregor listener. The template's own requests carry Gregor's headers only.
 */
public final class ReplyHeaders {

    /** Gregor's correlation id: opaque bytes (a UUID as text from the template), copied into the reply. */
    public static final String CORRELATION_ID = "gregor.correlation-id";
    /** Gregor's reply topic: the topic name as UTF-8 text. */
    public static final String REPLY_TOPIC = "gregor.reply-topic";
    /** spring-kafka's correlation id header, copied into the reply like Gregor's. */
    public static final String KAFKA_CORRELATION_ID = "kafka_correlationId";
    /** spring-kafka's reply topic header (UTF-8 text); Gregor's wins when a request has both. */
    public static final String KAFKA_REPLY_TOPIC = "kafka_replyTopic";
    /** spring-kafka's reply partition header: the partition as a 4-byte big-endian int. */
    public static final String KAFKA_REPLY_PARTITION = "kafka_replyPartition";

    private ReplyHeaders() {
    }
}
