package dev.gregor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class TopicPartitionTest {

    @Test
    void equalTopicAndIdAreEqualKeys() {
        TopicPartition a = TopicPartition.of("orders", 3);
        TopicPartition same = new TopicPartition(new String("orders"), 3);

        assertThat(a).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(a).isNotEqualTo(TopicPartition.of("orders", 4)).isNotEqualTo(TopicPartition.of("order", 3))
                .isNotEqualTo("orders-3").isNotEqualTo(null);
        assertThat(a.hashCode()).isNotEqualTo(TopicPartition.of("orders", 4).hashCode());
    }

    @Test
    void orderedByTopicThenIdAndWrittenAsKafkaToolsDo() {
        TreeSet<TopicPartition> sorted = new TreeSet<>(List.of(TopicPartition.of("b", 0), TopicPartition.of("a", 10),
                TopicPartition.of("a", 2)));

        assertThat(sorted).containsExactly(TopicPartition.of("a", 2), TopicPartition.of("a", 10), TopicPartition.of("b", 0));
        assertThat(TopicPartition.of("a", 10)).hasToString("a-10");
    }

    @Test
    void refusesAMissingTopicOrANegativeId() {
        assertThatThrownBy(() -> TopicPartition.of(null, 0)).isInstanceOf(NullPointerException.class).hasMessage("topic");
        assertThatThrownBy(() -> TopicPartition.of("t", -1)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("a partition id of 0 or more");
    }
}
