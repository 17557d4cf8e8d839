package dev.gregor.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gregor.spring.autoconfigure.GregorAutoConfiguration;
import dev.gregor.spring.autoconfigure.GregorListenerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A listener whose topics cannot be read as written, an attribute that is not the number or boolean it must be, a
 * batch or acknowledging listener that cannot work, replies that cannot work, key ordering with what it cannot combine
 * with, or a dead-letter handler that cannot tell its topics, stops the
 * application at startup, naming the listener.
 */
class TopicListenerValidationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GregorAutoConfiguration.class, GregorListenerAutoConfiguration.class))
            .withPropertyValues("gregor.embedded.enabled=false", "gregor.bootstrap-servers=127.0.0.1:1");

    @Test
    void topicsAndATopicPatternTogetherAreRefused() {
        runner.withBean(Both.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("@TopicListener both", "sets both topics [orders] and topicPattern 'orders-.*'",
                        "set one of them"));
    }

    @Test
    void neitherTopicsNorATopicPatternIsRefused() {
        runner.withBean(Neither.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("@TopicListener neither names no topic: set topics, or topicPattern"));
    }

    @Test
    void aPatternThatIsNoRegularExpressionIsRefusedWithWhere() {
        runner.withBean(BadPattern.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("@TopicListener bad-pattern", "topicPattern 'orders-(' is not a regular"
                        + " expression"));
    }

    @Test
    void aSimplePatternListenerWithConcurrencyIsToldToBalance() {
        runner.withBean(ConcurrentPattern.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("@TopicListener concurrent-pattern", "use mode = BALANCED"));
    }

    @Test
    void aDltHandlerBesidePatternListenersIsToldToNameItsTopics() {
        runner.withBean(PatternWithDltHandler.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("@DltHandler", "onDeadLetter", "a @TopicListener with a topicPattern",
                        "name them in @DltHandler(topics = ...)"));
    }

    @Test
    void twoDltHandlersInOneBeanAreRefused() {
        runner.withBean(TwoDltHandlers.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("has 2 @DltHandler methods", "keep one"));
    }

    static class PatternWithDltHandler {
        @TopicListener(id = "pattern", topicPattern = "orders-.*")
        void on(String value) {
        }

        @DltHandler
        void onDeadLetter(String value) {
        }
    }

    static class TwoDltHandlers {
        @TopicListener(id = "orders", topics = "orders")
        void on(String value) {
        }

        @DltHandler
        void first(String value) {
        }

        @DltHandler
        void second(String value) {
        }
    }

    @Test
    void batchListenersAndAcknowledgmentsThatCannotWorkAreRefusedNamingTheListener() {
        runner.withBean(BatchSizeOnARecordListener.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("@TopicListener record-sized", "maxBatchSize 10 applies to batch listeners only"));
        runner.withBean(BatchWithoutAList.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("has batch = true but its first parameter is not a List"));
        runner.withBean(BatchWithAKey.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("is a batch listener: it takes the List of values and optionally an"
                        + " Acknowledgment", "take List<Message>"));
        runner.withBean(AcknowledgmentWithoutAGroup.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("@TopicListener no-group takes an Acknowledgment but has no consumer group"));
    }

    @Test
    void attributesThatAreNoNumberOrNoBooleanAreRefusedNamingTheListenerAndTheAttribute() {
        runner.withBean(WordyConcurrency.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("@TopicListener wordy", "concurrency 'three' is not a whole number",
                        "write it in digits"));
        runner.withBean(WordyPartition.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("@TopicListener wordy-partition", "partitions entry 'first' is not a whole number"));
        runner.withBean(WordyBatchSize.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("@TopicListener wordy-batch", "maxBatchSize '1k' is not a whole number"));
        runner.withBean(YesStartup.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("@TopicListener yes-startup", "autoStartup 'yes' is neither true nor false"));
        runner.withBean(YesBatch.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("@TopicListener yes-batch", "batch 'yes' is neither true nor false"));
    }

    static class WordyConcurrency {
        @TopicListener(id = "wordy", topics = "orders", concurrency = "three")
        void on(String value) {
        }
    }

    @Test
    void repliesThatCannotWorkAreRefusedNamingTheListener() {
        runner.withBean(ReplyingBatch.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("@TopicListener replying-batch is a batch listener that returns"
                        + " java.util.List<java.lang.String>", "return void, or take one record"));
        runner.withBean(SendToOnVoid.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("@TopicListener void-send-to has @SendTo(\"replies\") but returns void",
                        "return the reply, or remove @SendTo"));
        runner.withBean(SendToNowhere.class).withPropertyValues("replies.topic=").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContainingAll("@TopicListener blank-send-to has a @SendTo that"
                        + " names no topic"));
    }

    static class ReplyingBatch {
        @TopicListener(id = "replying-batch", topics = "orders")
        java.util.List<String> on(java.util.List<String> values) {
            return values;
        }
    }

    static class SendToOnVoid {
        @TopicListener(id = "void-send-to", topics = "orders")
        @SendTo("replies")
        void on(String value) {
        }
    }

    static class WordyPartition {
        @TopicListener(id = "wordy-partition", topics = "orders", partitions = {"0", "first"})
        void on(String value) {
        }
    }

    static class WordyBatchSize {
        @TopicListener(id = "wordy-batch", topics = "orders", maxBatchSize = "1k")
        void on(java.util.List<String> values) {
        }
    }

    static class YesStartup {
        @TopicListener(id = "yes-startup", topics = "orders", autoStartup = "yes")
        void on(String value) {
        }
    }

    static class YesBatch {
        @TopicListener(id = "yes-batch", topics = "orders", batch = "yes")
        void on(java.util.List<String> values) {
        }
    }

    static class SendToNowhere {
        @TopicListener(id = "blank-send-to", topics = "orders")
        @SendTo("${replies.topic}")
        String on(String value) {
            return value;
        }
    }

    @Test
    void keyOrderingRefusesWhatItCannotCombineWithNamingTheListenerAndTheAttribute() {
        runner.withBean(KeyOrderedBatch.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("@TopicListener keyed-batch: ordering = KEY does not combine with a batch"
                        + " listener", "drop one of them"));
        runner.withBean(KeyOrderedAcknowledging.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("@TopicListener keyed-ack: ordering = KEY does not combine with an"
                        + " Acknowledgment parameter", "drop the Acknowledgment"));
        runner.withBean(KeyOrderedSeeking.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("@TopicListener keyed-seek: ordering = KEY does not combine with a SeekAware"
                        + " bean"));
        runner.withBean(ParallelismWithoutKeyOrdering.class).run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContainingAll("@TopicListener unordered: parallelism applies to ordering = KEY"
                        + " only"));
        runner.withBean(ZeroParallelism.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContainingAll("@TopicListener zero: parallelism '0' is not allowed", "1 or more"));
        runner.withBean(KeyOrdered.class).run(context -> assertThat(context).hasNotFailed());
    }

    static class KeyOrderedBatch {
        @TopicListener(id = "keyed-batch", topics = "orders", ordering = TopicListener.Ordering.KEY)
        void on(java.util.List<String> values) {
        }
    }

    static class KeyOrderedAcknowledging {
        @TopicListener(id = "keyed-ack", topics = "orders", group = "g", ordering = TopicListener.Ordering.KEY)
        void on(String value, Acknowledgment acknowledgment) {
        }
    }

    static class KeyOrderedSeeking implements SeekAware {
        @TopicListener(id = "keyed-seek", topics = "orders", ordering = TopicListener.Ordering.KEY)
        void on(String value) {
        }
    }

    static class ParallelismWithoutKeyOrdering {
        @TopicListener(id = "unordered", topics = "orders", parallelism = "8")
        void on(String value) {
        }
    }

    static class ZeroParallelism {
        @TopicListener(id = "zero", topics = "orders", ordering = TopicListener.Ordering.KEY, parallelism = "0")
        void on(String value) {
        }
    }

    static class KeyOrdered {
        @TopicListener(id = "keyed", topics = "orders", ordering = TopicListener.Ordering.KEY, parallelism = "16",
                autoStartup = "false")
        void on(String value, @Key String key) {
        }
    }

    static class BatchSizeOnARecordListener {
        @TopicListener(id = "record-sized", topics = "orders", maxBatchSize = "10")
        void on(String value) {
        }
    }

    static class BatchWithoutAList {
        @TopicListener(id = "no-list", topics = "orders", batch = "true")
        void on(String value) {
        }
    }

    static class BatchWithAKey {
        @TopicListener(id = "batch-key", topics = "orders")
        void on(java.util.List<String> values, @Key String key) {
        }
    }

    static class AcknowledgmentWithoutAGroup {
        @TopicListener(id = "no-group", topics = "orders")
        void on(String value, Acknowledgment acknowledgment) {
        }
    }

    static class Both {
        @TopicListener(id = "both", topics = "orders", topicPattern = "orders-.*")
        void on(String value) {
        }
    }

    static class Neither {
        @TopicListener(id = "neither")
        void on(String value) {
        }
    }

    static class BadPattern {
        @TopicListener(id = "bad-pattern", topicPattern = "orders-(")
        void on(String value) {
        }
    }

    static class ConcurrentPattern {
        @TopicListener(id = "concurrent-pattern", topicPattern = "orders-.*", concurrency = "2")
        void on(String value) {
        }
    }
}
