package dev.gregor.spring.listener.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import dev.gregor.Message;
import dev.gregor.TopicPartition;
import dev.gregor.spring.listener.Acknowledgment;
import dev.gregor.spring.listener.RetryBackoff;
import org.junit.jupiter.api.Test;

/** The batch error policy and acknowledgments, without a broker. */
class BatchDispatcherTests {

    private final List<List<String>> calls = new CopyOnWriteArrayList<>();
    private final List<String> handled = new ArrayList<>();

    @Test
    void withoutADeadLetterTopicTheRecordsBeforeTheFailingOneAreProcessedAndTheFailureStopsTheContainer() throws Exception {
        BatchDispatcher dispatcher = dispatcher("failing", null);

        assertThatThrownBy(() -> dispatcher.dispatch(records("p", 0, 6), null, () -> false,
                (message, deadLettered) -> handled.add(message.valueAsString())))
                .isInstanceOf(ListenerFailedException.class)
                .hasMessageContainingAll("the record at offset 3 of p-0", "gregor.listener.dead-letter=false");
        assertThat(calls).containsExactly(values(0, 6), values(0, 6), values(0, 1), values(1, 2), values(2, 3),
                values(3, 4), values(3, 4));
        assertThat(handled).as("processed before the failing record").containsExactly("v0", "v1", "v2");
    }

    @Test
    void aNotRetryableFailureSkipsTheBatchRetriesAndTheFailingRecordsRetries() throws Exception {
        BatchDispatcher dispatcher = dispatcher("rejecting", null);

        assertThatThrownBy(() -> dispatcher.dispatch(records("p", 0, 6), null, () -> false,
                (message, deadLettered) -> handled.add(message.valueAsString())))
                .isInstanceOf(ListenerFailedException.class)
                .hasMessageContaining("the record at offset 3 of p-0")
                .hasRootCauseInstanceOf(UnsupportedOperationException.class);
        assertThat(calls).as("one batch call, then each record once up to the failing one")
                .containsExactly(values(0, 6), values(0, 1), values(1, 2), values(2, 3), values(3, 4));
        assertThat(handled).containsExactly("v0", "v1", "v2");
    }

    @Test
    void aNackReturnsWithTheRecordsBeforeItAcknowledgedAndRedeliveryFromItInEachPartition() throws Exception {
        BatchDispatcher dispatcher = dispatcher("nacking", null);
        AcknowledgedOffsets acknowledged = new AcknowledgedOffsets();
        List<Message> batch = new ArrayList<>(records("p", 0, 3));
        batch.addAll(1, records("q", 10, 13));

        ListAcknowledgment nacked = dispatcher.dispatch(batch, acknowledged, () -> false,
                (message, deadLettered) -> handled.add(message.valueAsString()));

        assertThat(nacked).isNotNull();
        assertThat(nacked.pause()).isEqualTo(Duration.ofMillis(5));
        assertThat(handled).containsExactly("v0", "v10");
        assertThat(nacked.redelivery()).isEqualTo(Map.of(TopicPartition.of("p", 0), 1L, TopicPartition.of("q", 0), 11L));
        assertThat(acknowledged.uncommitted(List.of(TopicPartition.of("p", 0), TopicPartition.of("q", 0))))
                .isEqualTo(Map.of(TopicPartition.of("p", 0), 1L, TopicPartition.of("q", 0), 11L));
        assertThatThrownBy(() -> nacked.nack(7, Duration.ZERO)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("the index must be 0 to 5");
    }

    @Test
    void acknowledgedOffsetsNeverGoBackAndADeadLetteredRecordCountsOnlyRightAfterTheAcknowledgedOnes() {
        AcknowledgedOffsets acknowledged = new AcknowledgedOffsets();
        List<Message> records = records("p", 0, 6);
        TopicPartition p = TopicPartition.of("p", 0);
        acknowledged.acknowledge(records.get(2));
        acknowledged.acknowledge(records.get(1));
        assertThat(acknowledged.uncommitted(List.of(p))).isEqualTo(Map.of(p, 3L));
        acknowledged.deadLettered(records.get(4));
        assertThat(acknowledged.uncommitted(List.of(p))).as("offset 3 is not acknowledged").isEqualTo(Map.of(p, 3L));
        acknowledged.deadLettered(records.get(3));
        assertThat(acknowledged.uncommitted(List.of(p))).isEqualTo(Map.of(p, 4L));
        acknowledged.committed(Map.of(p, 4L));
        assertThat(acknowledged.uncommitted(List.of(p))).isEmpty();
    }

    private BatchDispatcher dispatcher(String method, DeadLetterPublisher deadLetters) throws Exception {
        Listener bean = new Listener(calls);
        BatchInvoker invoker = new BatchInvoker(bean, Listener.class.getDeclaredMethod(method, List.class,
                Acknowledgment.class), null);
        return new BatchDispatcher(invoker, 2, RetryBackoff.fixed(Duration.ZERO),
                Set.of(UnsupportedOperationException.class), deadLetters, () -> 0.5, new ObservedCalls(null, "test", null));
    }

    private static List<Message> records(String topic, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new Message(topic, 0, i, 0L, null,
                ("v" + i).getBytes(StandardCharsets.UTF_8), List.of())).toList();
    }

    private static List<String> values(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "v" + i).toList();
    }

    static final class Listener {
        private final List<List<String>> calls;

        Listener(List<List<String>> calls) {
            this.calls = calls;
        }

        void failing(List<String> values, Acknowledgment acknowledgment) {
            calls.add(List.copyOf(values));
            if (values.contains("v3")) {
                throw new IllegalStateException("cannot process v3");
            }
        }

        void rejecting(List<String> values, Acknowledgment acknowledgment) {
            calls.add(List.copyOf(values));
            if (values.contains("v3")) {
                throw new IllegalStateException("v3 is invalid", new UnsupportedOperationException("never"));
            }
        }

        void nacking(List<String> values, Acknowledgment acknowledgment) {
            calls.add(List.copyOf(values));
            acknowledgment.nack(2, Duration.ofMillis(5));
        }
    }
}
