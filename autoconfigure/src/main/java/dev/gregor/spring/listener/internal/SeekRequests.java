package dev.gregor.spring.listener.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaClient;
import dev.gregor.Topic;
import dev.gregor.TopicPartition;
import dev.gregor.consumer.MultiTopicConsumer;
import dev.gregor.spring.listener.SeekCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seeks asked of one container, from any thread, queued until the container's thread {@link #apply applies}
 * them to its consumer.
 */
final class SeekRequests implements SeekCallback {

    private static final Logger log = LoggerFactory.getLogger(SeekRequests.class);

    private enum Target { OFFSET, BEGINNING, END, TIMESTAMP }

    private record Request(List<TopicPartition> partitions, Target target, long value) {
    }

    private final String containerId;
    private final Queue<Request> queued = new ConcurrentLinkedQueue<>();

    SeekRequests(String containerId) {
        this.containerId = containerId;
    }

    @Override
    public void seek(TopicPartition partition, long offset) {
        if (offset < 0) {
            throw new InvalidConfigException("offset", offset, "an offset of 0 or more");
        }
        queued.add(new Request(List.of(partition), Target.OFFSET, offset));
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        queued.add(new Request(List.copyOf(partitions), Target.BEGINNING, 0));
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
        queued.add(new Request(List.copyOf(partitions), Target.END, 0));
    }

    @Override
    public void seekToTimestamp(Collection<TopicPartition> partitions, long epochMillis) {
        if (epochMillis < 0) {
            throw new InvalidConfigException("epochMillis", epochMillis, "a timestamp of 0 or more");
        }
        queued.add(new Request(List.copyOf(partitions), Target.TIMESTAMP, epochMillis));
    }

    /** Applies the queued seeks, in the order asked, to the partitions {@code consumer} holds; returns those moved. */
    Set<TopicPartition> apply(MultiTopicConsumer consumer, KafkaClient client) {
        if (queued.isEmpty()) {
            return Set.of();
        }
        Set<TopicPartition> moved = new TreeSet<>();
        for (Request request = queued.poll(); request != null; request = queued.poll()) {
            List<TopicPartition> held = consumer.partitions();
            List<TopicPartition> wanted = request.partitions().stream().filter(held::contains).toList();
            if (wanted.size() < request.partitions().size()) {
                log.warn("Listener container {} does not hold {} (it holds {}): not moved",
                        containerId, request.partitions().stream().filter(p -> !held.contains(p)).toList(), held);
            }
            if (!wanted.isEmpty()) {
                consumer.resetOffsets(offsets(request, wanted, client));
                moved.addAll(wanted);
            }
        }
        return moved;
    }

    /** Where {@code request} moves {@code partitions}: one offset lookup per topic (two for a timestamp not reached). */
    private static Map<TopicPartition, Long> offsets(Request request, List<TopicPartition> partitions,
                                                     KafkaClient client) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (request.target() == Target.OFFSET) {
            partitions.forEach(partition -> offsets.put(partition, request.value()));
            return offsets;
        }
        partitions.stream().collect(Collectors.groupingBy(TopicPartition::topic)).forEach((name, ofTopic) -> {
            Topic topic = client.topic(name);
            Map<Integer, Long> found = switch (request.target()) {
                case BEGINNING -> topic.earliestOffsets();
                case END -> topic.latestOffsets();
                default -> topic.offsetsForTimestamp(request.value());
            };
            Map<Integer, Long> ends = found.containsValue(-1L) ? topic.latestOffsets() : found;
            for (TopicPartition partition : ofTopic) {
                long offset = found.get(partition.partition());
                offsets.put(partition, offset >= 0 ? offset : ends.get(partition.partition()));
            }
        });
        return offsets;
    }
}
