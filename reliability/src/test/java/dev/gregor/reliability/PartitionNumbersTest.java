package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gregor.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionNumbersTest {

    private final PartitionNumbers numbers = new PartitionNumbers(List.of("b", "a", "c"), List.of(2, 3, 1));

    @Test
    void numbersThePartitionsOfEachTopicOnFromThoseOfTheTopicsBeforeIt() {
        assertThat(numbers.count()).isEqualTo(6);
        assertThat(numbers.number("b", 1)).isEqualTo(1);
        assertThat(numbers.number("a", 0)).isEqualTo(2);
        assertThat(numbers.number(TopicPartition.of("c", 0))).isEqualTo(5);
        assertThat(numbers.numbers(Set.of(TopicPartition.of("a", 2), TopicPartition.of("b", 0)))).containsExactly(0, 4);
        assertThat(numbers.numbered(Map.of(TopicPartition.of("a", 1), 7L))).containsExactlyEntriesOf(Map.of(3, 7L));
    }

    @Test
    void withOneTopicANumberIsThePartitionsId() {
        PartitionNumbers one = new PartitionNumbers(List.of("only"), List.of(4));
        assertThat(one.number("only", 3)).isEqualTo(3);
        assertThat(one.count()).isEqualTo(4);
    }

    @Test
    void refusesATopicItDoesNotNumber() {
        assertThatThrownBy(() -> numbers.number("d", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("d is not one of [b, a, c]");
    }
}
