package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import org.junit.jupiter.api.Test;

class ResourceTrendTest {

    private static List<ResourceSample> samples(LongFunction<ResourceSample> at) {
        List<ResourceSample> samples = new ArrayList<>();
        for (long second = 0; second < 40; second++) {
            samples.add(at.apply(second));
        }
        return samples;
    }

    @Test
    void aPlateauAfterWarmUpIsFlat() {
        ResourceTrend trend = ResourceTrend.of(samples(second -> new ResourceSample(second,
                second < 10 ? second << 22 : 40L << 20, 8L << 20, 1L << 20, second < 5 ? 20 : 30)));
        assertThat(trend.flat()).as(trend.toString()).isTrue();
    }

    @Test
    void steadyHeapGrowthIsNotFlat() {
        ResourceTrend trend = ResourceTrend.of(samples(second -> new ResourceSample(second,
                (40L << 20) + second * (1L << 20), 8L << 20, 1L << 20, 30)));
        assertThat(trend.flat()).as(trend.toString()).isFalse();
    }

    @Test
    void threadsThatKeepAccumulatingAreNotFlat() {
        ResourceTrend trend = ResourceTrend.of(samples(second -> new ResourceSample(second, 40L << 20, 8L << 20,
                1L << 20, 30 + (int) second / 4)));
        assertThat(trend.flat()).as(trend.toString()).isFalse();
    }
}
