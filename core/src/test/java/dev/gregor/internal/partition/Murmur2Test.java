package dev.gregor.internal.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class Murmur2Test {

    @Test
    void placesKeysExactlyLikeKafkasDefaultPartitioner() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            byte[] key = new byte[random.nextInt(40)];
            random.nextBytes(key);
            for (int partitions : new int[] {1, 3, 6, 12, 100}) {
                assertThat(Murmur2.partition(key, partitions))
                        .isEqualTo(Utils.toPositive(Utils.murmur2(key)) % partitions);
            }
        }
    }
}
