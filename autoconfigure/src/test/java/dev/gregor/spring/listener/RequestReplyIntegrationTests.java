package dev.gregor.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.gregor.ClientClosedException;
import dev.gregor.Header;
import dev.gregor.KafkaClient;
import dev.gregor.KafkaTimeoutException;
import dev.gregor.Message;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerRecord;
import dev.gregor.spring.core.ReplyHeaders;
import dev.gregor.spring.core.RequestReplyTemplate;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.spring.core.ValueDeserializer;
import dev.gregor.spring.support.CapturedStandardError;
import dev.gregor.spring.support.TopicContents;
import dev.gregor.spring.test.EmbeddedGregorCluster;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/**
 * Replies on a real broker: what a non-void listener sends (where, with which key and correlation headers, and
 * nothing for null or a throw), spring-kafka's header names, and the {@link RequestReplyTemplate}: many concurrent
 * requests, timeouts with late replies, close while waiting.
 */
@SpringBootTest(properties = {"gregor.listener.max-attempts=2", "gregor.listener.retry-backoff=5ms",
        "gregor.listener.commit-interval=200ms", "gregor.template.reply-topic=rr-template-replies"})
@EmbeddedGregorCluster
class RequestReplyIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    TopicTemplate template;
    @Autowired
    RequestReplyTemplate requests;
    @Autowired
    KafkaClient client;

    @Test
    void aSendToListenerRepliesWithItsResultTheRequestsKeyAndItsCorrelationHeader() {
        template.send("rr-echo", ProducerRecord.of("hello").withKey("k-1")
                .withHeader(Header.of(ReplyHeaders.CORRELATION_ID, "c-1"))).join();

        Message reply = awaitReply("rr-echo-replies", "k-1");
        assertThat(reply.valueAsString()).isEqualTo("echo:hello");
        assertThat(reply.header(ReplyHeaders.CORRELATION_ID).valueAsString()).isEqualTo("c-1");
    }

    @Test
    void aReturnedProducerRecordIsSentAsBuiltPlusTheCorrelationHeader() {
        template.send("rr-built", ProducerRecord.of("order-7").withKey("request-key")
                .withHeader(Header.of(ReplyHeaders.CORRELATION_ID, "c-built"))).join();

        Message reply = awaitReply("rr-built-replies", "chosen-key");
        assertThat(reply.valueAsString()).isEqualTo("built:order-7");
        assertThat(reply.partitionId()).isEqualTo(1);
        assertThat(reply.headers()).extracting(Header::key).containsExactly("built-by", ReplyHeaders.CORRELATION_ID);
        assertThat(reply.header(ReplyHeaders.CORRELATION_ID).valueAsString()).isEqualTo("c-built");
    }

    @Test
    void theRequestsReplyTopicHeaderWinsOverSendTo() {
        template.send("rr-echo", ProducerRecord.of("routed").withKey("k-routed")
                .withHeader(Header.of(ReplyHeaders.REPLY_TOPIC, "rr-elsewhere"))).join();

        assertThat(awaitReply("rr-elsewhere", "k-routed").valueAsString()).isEqualTo("echo:routed");
        assertThat(TopicContents.of(client, "rr-echo-replies")).extracting(Message::keyAsString)
                .doesNotContain("k-routed");
    }

    @Test
    void aNullResultSendsNothing() {
        template.send("rr-maybe", "first", "skip").join();
        template.send("rr-maybe", "second", "answer").join();

        awaitReply("rr-maybe-replies", "second");
        assertThat(TopicContents.of(client, "rr-maybe-replies")).as("the null result of the record before it")
                .extracting(Message::keyAsString).containsExactly("second");
    }

    @Test
    void aThrowingListenerRepliesNothingAndItsRecordIsDeadLettered() {
        template.send("rr-failing", "bad", "bad").join();
        template.send("rr-failing", "good", "good").join();

        awaitReply("rr-failing-replies", "good");
        await().atMost(WAIT).until(() -> !TopicContents.of(client, "rr-failing.DLT").isEmpty());
        assertThat(TopicContents.of(client, "rr-failing.DLT")).extracting(Message::keyAsString).containsExactly("bad");
        assertThat(TopicContents.of(client, "rr-failing-replies")).extracting(Message::keyAsString)
                .containsExactly("good");
    }

    @Test
    void aReplyThatCannotBeSentCountsAsAFailureAndDeadLettersTheRequest() {
        template.send("rr-nowhere", "lost", "x").join();

        await().atMost(WAIT).until(() -> !TopicContents.of(client, "rr-nowhere.DLT").isEmpty());
        Message deadLetter = TopicContents.of(client, "rr-nowhere.DLT").get(0);
        assertThat(deadLetter.keyAsString()).isEqualTo("lost");
        assertThat(deadLetter.header("gregor.dlt.exception-message").valueAsString()).contains("rr-missing");
    }

    @Test
    void aResultWithNowhereToGoIsDroppedWithOneWarningPerListener() throws Exception {
        try (CapturedStandardError captured = CapturedStandardError.start()) {
            template.send("rr-unaddressed", "same", "first").join();
            template.send("rr-unaddressed", "same", "second").join();
            String answered = requests.sendAndReceive("rr-unaddressed", "same", "third", String.class, WAIT).get();

            assertThat(answered).as("a request with a reply topic, after the two without").isEqualTo("third");
            assertThat(captured.text().split("@TopicListener repliers#unaddressed returned a value", -1))
                    .as("one WARN for the two dropped results").hasSize(2);
            assertThat(captured.text()).contains("the record at offset 0 of rr-unaddressed-0", "Add @SendTo");
        }
    }

    @Test
    void fiveHundredConcurrentRequestsEachGetTheirOwnReply() {
        List<CompletableFuture<Quote>> quotes = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            quotes.add(requests.sendAndReceive("rr-quotes", "customer-" + (i % 37), new PriceRequest(i), Quote.class,
                    WAIT));
        }

        CompletableFuture.allOf(quotes.toArray(CompletableFuture[]::new)).join();
        System.out.printf("500 concurrent requests answered in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        for (int i = 0; i < 500; i++) {
            assertThat(quotes.get(i).join()).isEqualTo(new Quote(i, i * 100L));
        }
    }

    @Test
    void theFirstRequestOfANewTemplateGetsItsReplyOnAReplyTopicMadeForIt() throws Exception {
        RequestReplyTemplate fresh = new RequestReplyTemplate(client, template, new ValueDeserializer(null),
                "rr-fresh-replies", WAIT);
        try {
            assertThat(client.topics()).doesNotContainKey("rr-fresh-replies");

            assertThat(fresh.sendAndReceive("rr-echo", "first", "first", String.class).get()).isEqualTo("echo:first");
        } finally {
            fresh.destroy();
        }
    }

    @Test
    void aRequestNobodyAnswersTimesOutNamingTopicAndTimeoutAndItsLateReplyIsDropped() throws Exception {
        CompletableFuture<String> unanswered = requests.sendAndReceive("rr-silent", "late", "ping", String.class,
                Duration.ofMillis(700));

        assertThatThrownBy(unanswered::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(KafkaTimeoutException.class)
                .hasMessageContainingAll("'rr-silent'", "'rr-template-replies'", "700 ms",
                        "gregor.template.reply-timeout");

        Message request = await().atMost(WAIT).until(() -> TopicContents.of(client, "rr-silent").stream()
                .filter(message -> "late".equals(message.keyAsString())).findFirst(), Optional::isPresent).get();
        template.send("rr-template-replies", ProducerRecord.of("too late")
                .withHeader(request.header(ReplyHeaders.CORRELATION_ID))).join();
        String next = requests.sendAndReceive("rr-echo", "after", "after", String.class, WAIT).get();

        assertThat(next).as("the next request gets its own reply, read after the late one").isEqualTo("echo:after");
        assertThatThrownBy(unanswered::get).cause().isInstanceOf(KafkaTimeoutException.class);
    }

    @Test
    void closingTheTemplateFailsTheRequestsStillWaiting() {
        RequestReplyTemplate closing = new RequestReplyTemplate(client, template, new ValueDeserializer(null),
                "rr-closing-replies", WAIT);
        CompletableFuture<String> waiting = closing.sendAndReceive("rr-silent", "closing", "ping", String.class);
        await().atMost(WAIT).until(() -> TopicContents.of(client, "rr-silent").stream()
                .anyMatch(message -> "closing".equals(message.keyAsString())));

        closing.destroy();

        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(ClientClosedException.class)
                .hasMessageContaining("RequestReplyTemplate is closed");
        assertThat(closing.sendAndReceive("rr-silent", null, "again", String.class))
                .as("a request after close fails at once").isCompletedExceptionally();
    }

    @Test
    void aJsonReplyTypeWithoutAJsonMapperIsRefusedAtTheCall() {
        RequestReplyTemplate bytesOnly = new RequestReplyTemplate(client, template, new ValueDeserializer(null),
                "rr-closing-replies", WAIT);

        assertThatThrownBy(() -> bytesOnly.sendAndReceive("rr-quotes", null, "x", Quote.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContainingAll("The reply type of sendAndReceive",
                        Quote.class.getName(), "no JSON mapper");
        bytesOnly.destroy();
    }

    @Test
    void aRequestWithSpringKafkasHeadersGetsItsReplyOnTheAskedPartitionWithItsCorrelationId() {
        byte[] correlation = {0, 1, 2, 3, (byte) 0xff, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        try (Producer producer = client.producer()) {
            producer.send("rr-echo", ProducerRecord.of("spring").withKey("k-spring")
                    .withHeader(Header.of(ReplyHeaders.KAFKA_REPLY_TOPIC, "rr-spring-replies"))
                    .withHeader(new Header(ReplyHeaders.KAFKA_CORRELATION_ID, correlation))
                    .withHeader(new Header(ReplyHeaders.KAFKA_REPLY_PARTITION, ByteBuffer.allocate(4).putInt(1).array())))
                    .join();
        }

        Message reply = awaitReply("rr-spring-replies", "k-spring");
        assertThat(reply.valueAsString()).isEqualTo("echo:spring");
        assertThat(reply.partitionId()).as("kafka_replyPartition").isEqualTo(1);
        assertThat(reply.header(ReplyHeaders.KAFKA_CORRELATION_ID).value()).isEqualTo(correlation);
    }

    private Message awaitReply(String topic, String key) {
        return await().atMost(WAIT).until(() -> TopicContents.of(client, topic).stream()
                .filter(message -> key.equals(message.keyAsString())).findFirst(), Optional::isPresent).get();
    }

    record PriceRequest(int id) {
    }

    record Quote(int id, long cents) {
    }

    static class Repliers {
        @TopicListener(topics = "rr-echo", group = "rr-echo")
        @SendTo("${replies.echo:rr-echo-replies}")
        String echo(String value) {
            return "echo:" + value;
        }

        @TopicListener(topics = "rr-built", group = "rr-built")
        @SendTo("rr-built-replies")
        ProducerRecord built(String value) {
            return ProducerRecord.of("built:" + value).withKey("chosen-key").withPartition(1)
                    .withHeader(Header.of("built-by", "test"));
        }

        @TopicListener(topics = "rr-maybe", group = "rr-maybe")
        @SendTo("rr-maybe-replies")
        String maybe(String value) {
            return value.equals("skip") ? null : value;
        }

        @TopicListener(topics = "rr-failing", group = "rr-failing")
        @SendTo("rr-failing-replies")
        String failing(String value) {
            if (value.equals("bad")) {
                throw new IllegalStateException("no answer for " + value);
            }
            return value;
        }

        @TopicListener(topics = "rr-nowhere", group = "rr-nowhere")
        @SendTo("rr-missing")
        String nowhere(String value) {
            return value;
        }

        @TopicListener(topics = "rr-unaddressed", group = "rr-unaddressed")
        String unaddressed(String value) {
            return value;
        }

        @TopicListener(topics = "rr-quotes", group = "rr-quotes", concurrency = "2")
        Quote quote(PriceRequest request) {
            return new Quote(request.id(), request.id() * 100L);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        SmartInitializingSingleton topics(KafkaClient client) {
            return () -> {
                for (String topic : List.of("rr-echo", "rr-echo-replies", "rr-elsewhere", "rr-maybe", "rr-maybe-replies",
                        "rr-failing", "rr-failing-replies", "rr-nowhere", "rr-silent", "rr-unaddressed")) {
                    client.createTopic(topic, 1, 1);
                }
                client.createTopic("rr-quotes", 4, 1);
                client.createTopic("rr-spring-replies", 2, 1);
                client.createTopic("rr-built", 1, 1);
                client.createTopic("rr-built-replies", 2, 1);
            };
        }

        @Bean
        Repliers repliers() {
            return new Repliers();
        }
    }
}
