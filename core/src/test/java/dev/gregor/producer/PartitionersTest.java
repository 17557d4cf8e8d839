package dev.gregor.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The built-in partitioners' choices, without a broker. */
class PartitionersTest {

    @Test
    void stickyKeepsOnePartitionPerTopicUntilItsBatchIsFull() {
        Partitioner sticky = Partitioners.sticky();
        int first = sticky.partition("orders", null, 6);
        int other = sticky.partition("payments", null, 6);

        assertThat(IntStream.range(0, 1_000).map(i -> sticky.partition("orders", null, 6))).containsOnly(first);
        sticky.batchFull("orders", (first + 1) % 6);
        assertThat(sticky.partition("orders", null, 6)).as("another partition's full batch moves nothing").isEqualTo(first);
        sticky.batchFull("payments", other);
        assertThat(sticky.partition("orders", null, 6)).as("topics are independent").isEqualTo(first);

        Set<Integer> visited = new HashSet<>();
        for (int batch = 0; batch < 200; batch++) {
            int current = sticky.partition("orders", null, 6);
            assertThat(current).isBetween(0, 5);
            visited.add(current);
            sticky.batchFull("orders", current);
        }
        assertThat(visited).as("a full batch sends the next records to a new random pick").hasSize(6);
    }

    @Test
    void stickyPicksAgainWhenThePartitionCountShrinksBelowItsChoice() {
        Partitioner sticky = Partitioners.sticky();
        int chosen = sticky.partition("t", null, 100);
        for (int i = 0; i < 50 && chosen < 3; i++) {
            sticky.batchFull("t", chosen);
            chosen = sticky.partition("t", null, 100);
        }
        assertThat(chosen).isGreaterThanOrEqualTo(3);

        assertThat(sticky.partition("t", null, 3)).isBetween(0, 2);
    }

    @Test
    void threadsShareTheStickyChoice() throws Exception {
        Partitioner sticky = Partitioners.sticky();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            Callable<Set<Integer>> picks = () -> {
                Set<Integer> seen = new HashSet<>();
                for (int i = 0; i < 10_000; i++) {
                    seen.add(sticky.partition("shared", null, 12));
                }
                return seen;
            };
            Set<Integer> all = new HashSet<>();
            for (Future<Set<Integer>> seen : threads.invokeAll(List.of(picks, picks, picks, picks))) {
                all.addAll(seen.get());
            }
            assertThat(all).as("no full batch, so every thread used the one partition picked").hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theDefaultHashesKeysAndSticksWithoutThem() {
        Partitioner partitioner = Partitioners.defaultPartitioner();
        byte[] key = {1, 2, 3};

        assertThat(partitioner.partition("t", key, 8)).isEqualTo(Partitioners.hashing().partition("t", key, 8));
        int unkeyed = partitioner.partition("t", null, 8);
        assertThat(IntStream.range(0, 100).map(i -> partitioner.partition("t", null, 8))).containsOnly(unkeyed);
    }
}
