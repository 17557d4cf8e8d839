package dev.gregor.spring.observation;

import java.util.List;

import dev.gregor.Header;
import dev.gregor.Message;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;

/**
 * The observation context of one {@code @TopicListener} call: the listener, its group and the records of the call.
 * The trace context is read from the headers of the call's first record (a batch continues the trace of its first).
 */
public final class ListenerReceiverContext extends ReceiverContext<Message> {

    private final String listenerId;
    private final @Nullable String group;
    private final List<Message> records;

    /** The context of a call of listener {@code listenerId} in {@code group} (null: none) for {@code records}. */
    public ListenerReceiverContext(String listenerId, @Nullable String group, List<Message> records) {
        super((message, key) -> {
            Header header = message.header(key);
            return header == null || header.value() == null ? null : header.valueAsString();
        }, Kind.CONSUMER);
        this.listenerId = listenerId;
        this.group = group;
        this.records = records;
        setCarrier(records.get(0));
        setRemoteServiceName("kafka");
    }

    /** The listener's id. */
    public String listenerId() {
        return listenerId;
    }

    /** Its consumer group, or null. */
    public @Nullable String group() {
        return group;
    }

    /** The records of the call: one, or the batch. */
    public List<Message> records() {
        return records;
    }

    /** The topic of the call's records, or {@code "*"} when a batch spans several. */
    public String topic() {
        String topic = records.get(0).topic();
        for (Message record : records) {
            if (!record.topic().equals(topic)) {
                return "*";
            }
        }
        return topic;
    }
}
