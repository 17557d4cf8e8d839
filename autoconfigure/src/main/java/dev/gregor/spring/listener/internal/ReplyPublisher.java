package dev.gregor.spring.listener.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.gregor.Header;
import dev.gregor.Message;
import dev.gregor.producer.ProducerRecord;
import dev.gregor.spring.core.ReplyHeaders;
import dev.gregor.spring.core.TopicTemplate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what a record listener returned as the reply to its request, through the {@link TopicTemplate} (so with its
 * serialisation), and waits for the broker, so that the request's offset is committed only after its reply is
 * written; a reply that cannot be sent fails the call like a throwing listener. The reply goes to the request's
 * reply topic header ({@link ReplyHeaders#REPLY_TOPIC}, else spring-kafka's), else to the {@code @SendTo} topic, to
 * spring-kafka's reply partition when the request names one; it carries the request's key and every correlation
 * header of the request. A returned {@link ProducerRecord} is sent as built (its key, partition, headers), plus those
 * headers; null sends nothing. A reply with nowhere to go is dropped, with one WARN per listener.
 */
public final class ReplyPublisher {

    private static final Logger log = LoggerFactory.getLogger(ReplyPublisher.class);
    private static final List<String> CORRELATION_HEADERS =
            List.of(ReplyHeaders.CORRELATION_ID, ReplyHeaders.KAFKA_CORRELATION_ID);

    private final String listenerId;
    private final @Nullable String sendTo;
    private final TopicTemplate template;
    private final AtomicBoolean warnedOfDrop = new AtomicBoolean();

    /** Replies of listener {@code listenerId}, by default to {@code sendTo} (null: only where requests ask). */
    public ReplyPublisher(String listenerId, @Nullable String sendTo, TopicTemplate template) {
        this.listenerId = listenerId;
        this.sendTo = sendTo;
        this.template = template;
    }

    /**
     * Sends {@code result} as the reply to {@code request} and waits until the broker has it.
     *
     * @throws RuntimeException why the reply could not be sent (a missing topic, a refused record, ...)
     */
    void reply(Message request, @Nullable Object result) {
        if (result == null) {
            return;
        }
        String target = replyTopic(request);
        if (target == null) {
            if (warnedOfDrop.compareAndSet(false, true)) {
                log.warn("@TopicListener {} returned a value for {} but the request names no reply topic (header {}"
                        + " or {}) and the method has no @SendTo: the value is dropped (logged once per listener)."
                        + " Add @SendTo(\"topic\"), or return void.", listenerId, RecordDispatcher.describe(request),
                        ReplyHeaders.REPLY_TOPIC, ReplyHeaders.KAFKA_REPLY_TOPIC);
            }
            return;
        }
        ProducerRecord reply = result instanceof ProducerRecord built ? built
                : keyed(ProducerRecord.of(template.serializer().serialize(result)), request.partitionKey());
        Header partition = request.header(ReplyHeaders.KAFKA_REPLY_PARTITION);
        if (reply.partition() < 0 && partition != null && partition.value() != null && partition.value().length == 4) {
            reply = reply.withPartition(ByteBuffer.wrap(partition.value()).getInt());
        }
        for (String name : CORRELATION_HEADERS) {
            Header correlation = request.header(name);
            if (correlation != null) {
                reply = reply.withHeader(correlation);
            }
        }
        try {
            template.send(target, reply).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private @Nullable String replyTopic(Message request) {
        for (String name : List.of(ReplyHeaders.REPLY_TOPIC, ReplyHeaders.KAFKA_REPLY_TOPIC)) {
            Header header = request.header(name);
            if (header != null && header.value() != null && header.value().length > 0) {
                return header.valueAsString();
            }
        }
        return sendTo;
    }

    private static ProducerRecord keyed(ProducerRecord record, byte @Nullable [] key) {
        return key == null ? record : record.withKey(key);
    }
}
