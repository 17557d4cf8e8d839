package dev.gregor.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Consumer;

import dev.gregor.Backend;
import dev.gregor.producer.Acks;
import dev.gregor.producer.Compression;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.spring.core.TopicTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Each {@code gregor.producer.*} property arrives in the template's producer configuration (no broker needed). */
class ProducerPropertiesReachTheClientTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, GregorAutoConfiguration.class))
            .withPropertyValues("gregor.embedded.enabled=false", "gregor.bootstrap-servers=127.0.0.1:1");

    @Test
    void linger() {
        assertProducer("gregor.producer.linger=42ms", config -> assertThat(config.linger()).isEqualTo(Duration.ofMillis(42)));
    }

    @Test
    void batchSize() {
        assertProducer("gregor.producer.batch-size=12345", config -> assertThat(config.batchSize()).isEqualTo(12345));
    }

    @Test
    void compression() {
        assertProducer("gregor.producer.compression=ZSTD",
                config -> assertThat(config.compression()).isEqualTo(Compression.ZSTD));
    }

    @Test
    void acks() {
        assertProducer("gregor.producer.acks=LEADER", config -> assertThat(config.acks()).isEqualTo(Acks.LEADER));
    }

    @Test
    void idempotence() {
        assertProducer("gregor.producer.idempotence=false", config -> assertThat(config.idempotence()).isFalse());
    }

    @Test
    void maxQueuedRecords() {
        assertProducer("gregor.producer.max-queued-records=777",
                config -> assertThat(config.maxQueuedRecords()).isEqualTo(777));
    }

    @Test
    void backend() {
        assertProducer("gregor.producer.backend=KAFKA_CLIENTS",
                config -> assertThat(config.backend()).isEqualTo(Backend.KAFKA_CLIENTS));
    }

    @Test
    void closeTimeout() {
        runner.withPropertyValues("gregor.producer.close-timeout=7s").run(context -> assertThat(
                context.getBean(TopicTemplate.class).closeTimeout()).isEqualTo(Duration.ofSeconds(7)));
    }

    private void assertProducer(String property, Consumer<ProducerConfig> expectation) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasNotFailed();
            expectation.accept(context.getBean(TopicTemplate.class).producerConfig());
        });
    }
}
