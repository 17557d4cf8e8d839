package dev.gregor.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.TopicPartition;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.MultiTopicConsumer;
import dev.gregor.spring.listener.ListenerContainer;
import dev.gregor.spring.listener.RecordObserver;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * For {@link CtrlCShutdownTest}, in the app's own JVM: counts what each group's containers processed, and when the
 * context destroys it (after every container stopped, before the client and the embedded cluster close) writes, per
 * group and topic-partition, the next offset to process (the first not processed: a key-ordered listener may have
 * processed later ones, which its group must read again) and the group's committed offset to
 * {@code sample.shutdown-report}.
 */
@Component
@ConditionalOnProperty("sample.shutdown-report")
class ShutdownReport implements RecordObserver, DisposableBean {

    private final KafkaClient client;
    private final Path file;
    private final Map<String, Map<TopicPartition, NavigableSet<Long>>> processed = new ConcurrentHashMap<>();

    ShutdownReport(KafkaClient client, @Value("${sample.shutdown-report}") Path file) {
        this.client = client;
        this.file = file;
    }

    @Override
    public void processed(ListenerContainer container, Message message, boolean deadLettered) {
        container.group().ifPresent(group -> processed.computeIfAbsent(group, any -> new ConcurrentHashMap<>())
                .computeIfAbsent(TopicPartition.of(message.topic(), message.partitionId()),
                        any -> new ConcurrentSkipListSet<>()).add(message.offset()));
    }

    @Override
    public void destroy() throws IOException {
        List<String> lines = new ArrayList<>();
        processed.forEach((group, offsets) -> {
            try (MultiTopicConsumer reader = client.simpleConsumer(
                    ConsumerConfig.builder().consumerGroup(group).autoCommit(false).build(),
                    List.of(OrderTopics.ORDERS, OrderTopics.ORDERS_DLT))) {
                Map<TopicPartition, Long> committed = reader.fetchOffsets();
                offsets.forEach((partition, done) -> lines.add(group + " " + partition.topic() + " "
                        + partition.partition() + " processed=" + firstNotProcessed(done) + " committed="
                        + committed.get(partition)));
            } catch (RuntimeException e) {
                lines.add(group + " could not read the committed offsets: " + e);
            }
        });
        Files.write(file, lines);
    }

    private static long firstNotProcessed(NavigableSet<Long> done) {
        long next = done.first();
        while (done.contains(next)) {
            next++;
        }
        return next;
    }
}
