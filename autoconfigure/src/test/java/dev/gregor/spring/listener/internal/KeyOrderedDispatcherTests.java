package dev.gregor.spring.listener.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.gregor.Message;
import dev.gregor.TopicPartition;
import dev.gregor.spring.listener.RetryBackoff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyOrderedDispatcherTests {

    private static final TopicPartition PARTITION = TopicPartition.of("t", 0);

    private final Listener listener = new Listener();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final KeyOrderedDispatcher dispatcher = new KeyOrderedDispatcher("c-0", dispatcher(listener), 4,
            () -> false, (message, deadLettered) -> handled.add(message.valueAsString()));

    @AfterEach
    void release() {
        listener.release.countDown();
        dispatcher.shutdown();
    }

    @Test
    void aKeyWaitsBehindItsRunningRecordWhileOtherKeysGoOnAndTheCommitStaysAtIt() {
        dispatcher.submit(List.of(record(0, "a", "block"), record(1, "a", "a-1"), record(2, "b", "b-2"),
                record(3, null, "none-3")));

        await().atMost(Duration.ofSeconds(10)).until(() -> handled.containsAll(List.of("b-2", "none-3")));
        assertThat(handled).doesNotContain("a-1");
        assertThat(dispatcher.uncommitted()).containsExactly(Map.entry(PARTITION, 0L));

        listener.release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.uncommitted().equals(Map.of(PARTITION, 4L)));
        assertThat(handled).containsSubsequence("block", "a-1");
    }

    @Test
    void theRoomIsTheParallelismLessTheRecordsInFlightQueuedOnesIncluded() {
        dispatcher.submit(List.of(record(0, "a", "block"), record(1, "a", "a-1"), record(2, "a", "a-2")));

        assertThat(dispatcher.awaitRoom(Duration.ofMillis(10))).isEqualTo(1);

        dispatcher.submit(List.of(record(3, "b", "block")));

        assertThat(dispatcher.awaitRoom(Duration.ofMillis(10))).isZero();
        listener.release.countDown();
        assertThat(dispatcher.awaitRoom(Duration.ofSeconds(10))).isPositive();
    }

    @Test
    void aRevocationDropsRecordsNotStartedAndCommitsNoFurtherThanOneStillRunning() {
        dispatcher.submit(List.of(record(0, "a", "done"), record(1, "b", "block"), record(2, "b", "b-2")));
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains("done") && listener.entered.getCount() == 0);

        Map<TopicPartition, Long> offsets = dispatcher.revoke(Set.of(PARTITION), Duration.ofMillis(100), "bound");

        assertThat(offsets).containsExactly(Map.entry(PARTITION, 1L));
        listener.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.awaitRoom(Duration.ZERO) == 4);
        assertThat(handled).doesNotContain("b-2");
        assertThat(dispatcher.uncommitted()).isEmpty();
    }

    @Test
    void aRecordThatCanNeitherBeProcessedNorDeadLetteredStopsItsKeyAndIsTheFailure() {
        dispatcher.submit(List.of(record(0, "a", "fail"), record(1, "a", "a-1")));

        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.failure() != null);

        assertThat(dispatcher.failure()).hasMessageContaining("the record at offset 0 of t-0");
        assertThat(dispatcher.awaitRoom(Duration.ofMillis(10))).isZero();
        assertThat(handled).doesNotContain("a-1");
        assertThat(dispatcher.uncommitted()).containsExactly(Map.entry(PARTITION, 0L));
    }

    private static RecordDispatcher dispatcher(Listener listener) {
        try {
            return new RecordDispatcher(new ListenerInvoker(listener, Listener.class.getDeclaredMethod("receive",
                    String.class), null), 1, RetryBackoff.fixed(Duration.ZERO), Set.of(), null, () -> 0.5,
                    new ObservedCalls(null, "test", null));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Message record(long offset, String key, String value) {
        return new Message("t", 0, offset, 0, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8), List.of());
    }

    static final class Listener {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        void receive(String value) throws InterruptedException {
            if (value.equals("fail")) {
                throw new IllegalStateException("cannot");
            }
            if (value.equals("block")) {
                entered.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
        }
    }
}
