package dev.gregor.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

import dev.gregor.InvalidConfigException;
import org.junit.jupiter.api.Test;

class RetryBackoffTests {

    private static final DoubleSupplier MIDDLE = () -> 0.5;

    @Test
    void theDefaultWaitsDoubleFrom200MillisecondsAsBeforeAndStopAt30Seconds() {
        RetryBackoff defaults = new RetryBackoff(ms(200), 2, ms(30_000), 0);

        assertThat(waits(defaults, 10, MIDDLE)).containsExactly(ms(200), ms(400), ms(800), ms(1_600),
                ms(3_200), ms(6_400), ms(12_800), ms(25_600), ms(30_000), ms(30_000));
    }

    @Test
    void eachWaitIsTheMultipleOfThePreviousUpToTheCap() {
        RetryBackoff backoff = new RetryBackoff(ms(100), 3, ms(1_000), 0);

        assertThat(waits(backoff, 5, MIDDLE)).containsExactly(ms(100), ms(300), ms(900), ms(1_000), ms(1_000));
    }

    @Test
    void jitterSpreadsEachWaitEvenlyAroundItAndNeverPastTheCap() {
        RetryBackoff backoff = new RetryBackoff(ms(1_000), 2, ms(3_000), 0.2);

        assertThat(waits(backoff, 3, () -> 0.0)).as("lowest draw").containsExactly(ms(800), ms(1_600), ms(2_400));
        assertThat(waits(backoff, 3, () -> 0.75)).as("a draw above the middle")
                .containsExactly(ms(1_100), ms(2_200), ms(3_000));
        assertThat(waits(backoff, 3, MIDDLE)).as("the middle draw").containsExactly(ms(1_000), ms(2_000), ms(3_000));
    }

    @Test
    void aFixedBackoffWaitsTheSameEachTime() {
        assertThat(waits(RetryBackoff.fixed(ms(50)), 3, () -> 0.9)).containsExactly(ms(50), ms(50), ms(50));
    }

    @Test
    void invalidValuesNameTheSetting() {
        assertThatThrownBy(() -> new RetryBackoff(ms(100), 0.5, ms(1_000), 0)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("retryBackoffMultiplier");
        assertThatThrownBy(() -> new RetryBackoff(ms(100), 2, ms(50), 0)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("retryBackoffMax");
        assertThatThrownBy(() -> new RetryBackoff(ms(100), 2, ms(1_000), 1.5)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("retryBackoffJitter");
        assertThatThrownBy(() -> new RetryBackoff(ms(-1), 2, ms(1_000), 0)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("retryBackoff");
    }

    private static List<Duration> waits(RetryBackoff backoff, int retries, DoubleSupplier random) {
        List<Duration> waits = new ArrayList<>();
        for (int retry = 1; retry <= retries; retry++) {
            waits.add(backoff.before(retry, random));
        }
        return waits;
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
