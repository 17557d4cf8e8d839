package dev.gregor.spring.listener.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.gregor.Message;
import dev.gregor.spring.listener.DeadLetterTopicResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A resolver that names no dead-letter topic, or the failed record's own topic, is refused before anything is
 * written (no client or template is touched: both are null here), so a failed record cannot loop through its own
 * topic.
 */
class DeadLetterPublisherTests {

    private final Message failed = new Message("orders", 0, 7, 0, null, "v".getBytes(StandardCharsets.UTF_8), List.of());

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"orders", " "})
    void aResolverNamingNoTopicOrTheRecordsOwnIsRefusedNamingTheFix(String named) {
        DeadLetterTopicResolver resolver = (record, failure) -> named;
        DeadLetterPublisher publisher = new DeadLetterPublisher(null, null, resolver);

        assertThatThrownBy(() -> publisher.publish(failed, new IllegalStateException("boom")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("for a failed record of 'orders'")
                .hasMessageContaining("it must name another topic")
                .hasMessageContaining("DeadLetterTopicResolver.defaultTopic(record.topic())");
    }
}
