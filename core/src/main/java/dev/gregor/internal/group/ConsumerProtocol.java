package dev.gregor.internal.group;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.gregor.TopicPartition;
import dev.gregor.internal.client.TopicPartitions;
import dev.gregor.internal.protocol.MalformedMessageException;
import dev.gregor.internal.protocol.message.ConsumerProtocolAssignment;
import dev.gregor.internal.protocol.message.ConsumerProtocolSubscription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The "consumer" group protocol's payloads, as every Kafka consumer writes them: a member's subscription (in
 * JoinGroup) and a member's assignment (in SyncGroup), each prefixed with its version. Reading accepts newer
 * versions than Gregor knows (their fields are appended), so Gregor and {@code kafka-clients} members mix.
 */
public final class ConsumerProtocol {

    /** The protocol type of groups of consumers, as their members declare it in JoinGroup. */
    public static final String PROTOCOL_TYPE = "consumer";
    private static final short WRITTEN_VERSION = 0;

    private ConsumerProtocol() {
    }

    /** A member's subscription to {@code topics}. */
    static byte[] subscription(Collection<String> topics) {
        ConsumerProtocolSubscription subscription = new ConsumerProtocolSubscription().setTopics(List.copyOf(topics));
        return encode(WRITTEN_VERSION, subscription.size(WRITTEN_VERSION), buffer -> subscription.write(buffer, WRITTEN_VERSION));
    }

    static List<String> subscribedTopics(byte[] metadata) {
        ByteBuf buffer = Unpooled.wrappedBuffer(metadata);
        short version = readVersion(buffer, "subscription");
        return ConsumerProtocolSubscription.read(buffer, (short) Math.min(version, ConsumerProtocolSubscription.HIGHEST_VERSION)).topics();
    }

    /** A member's assignment of {@code partitions}, grouped by topic. */
    static byte[] assignment(Collection<TopicPartition> partitions) {
        List<ConsumerProtocolAssignment.TopicPartition> assigned = new ArrayList<>();
        TopicPartitions.byTopic(partitions).forEach((topic, ids) ->
                assigned.add(new ConsumerProtocolAssignment.TopicPartition().setTopic(topic).setPartitions(ids)));
        ConsumerProtocolAssignment assignment = new ConsumerProtocolAssignment().setAssignedPartitions(assigned);
        return encode(WRITTEN_VERSION, assignment.size(WRITTEN_VERSION), buffer -> assignment.write(buffer, WRITTEN_VERSION));
    }

    /** The topic-partitions of a member's assignment, of every topic it names; none for an empty assignment. */
    public static Set<TopicPartition> assignedPartitions(byte[] bytes) {
        Set<TopicPartition> partitions = new TreeSet<>();
        if (bytes == null || bytes.length == 0) {
            return partitions;
        }
        ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
        short version = readVersion(buffer, "assignment");
        for (ConsumerProtocolAssignment.TopicPartition assigned : ConsumerProtocolAssignment.read(buffer,
                (short) Math.min(version, ConsumerProtocolAssignment.HIGHEST_VERSION)).assignedPartitions()) {
            assigned.partitions().forEach(id -> partitions.add(TopicPartition.of(assigned.topic(), id)));
        }
        return partitions;
    }

    private static short readVersion(ByteBuf buffer, String what) {
        if (buffer.readableBytes() < 2) {
            throw new MalformedMessageException("consumer protocol " + what, "no version");
        }
        short version = buffer.readShort();
        if (version < 0) {
            throw new MalformedMessageException("consumer protocol " + what, "version " + version);
        }
        return version;
    }

    private static byte[] encode(short version, int size, java.util.function.Consumer<ByteBuf> body) {
        ByteBuf buffer = Unpooled.buffer(2 + size);
        buffer.writeShort(version);
        body.accept(buffer);
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        return bytes;
    }
}
