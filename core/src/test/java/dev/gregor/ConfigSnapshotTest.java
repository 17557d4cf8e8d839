package dev.gregor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.security.TlsConfig;
import org.junit.jupiter.api.Test;

/** Configuration objects are snapshots: what happens to their builder, or to arrays passed in, after build() never reaches them. */
class ConfigSnapshotTest {

    @Test
    void aProducerConfigIgnoresLaterChangesToItsBuilder() {
        ProducerConfig.Builder builder = ProducerConfig.builder().linger(Duration.ofMillis(7));
        ProducerConfig built = builder.build();

        builder.linger(Duration.ofMillis(99)).sync(true);

        assertThat(built.linger()).isEqualTo(Duration.ofMillis(7));
        assertThat(built.sync()).isFalse();
    }

    @Test
    void aConsumerConfigIgnoresLaterChangesToItsBuilderAndItsPartitionsCannotBeChanged() {
        ConsumerConfig.Builder builder = ConsumerConfig.builder().partitions(0, 1).consumerGroup("before");
        ConsumerConfig built = builder.build();

        builder.partitions(2).consumerGroup("after");

        assertThat(built.partitions()).containsExactlyInAnyOrder(0, 1);
        assertThat(built.consumerGroup()).contains("before");
        assertThatThrownBy(() -> built.partitions().add(3)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aTlsConfigIgnoresLaterChangesToItsBuilderAndToTheArrayItWasGiven() {
        String[] versions = {"TLSv1.3"};
        TlsConfig.Builder builder = TlsConfig.builder().protocols(versions);
        TlsConfig built = builder.build();

        versions[0] = "TLSv1.2";
        builder.hostnameVerification(false).protocols("TLSv1.2");

        assertThat(built.protocols()).containsExactly("TLSv1.3");
        assertThat(built.hostnameVerification()).isTrue();
    }
}
