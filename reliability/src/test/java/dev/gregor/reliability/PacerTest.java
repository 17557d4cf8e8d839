package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void spacesEventsAtTheRate() {
        Pacer pacer = new Pacer(1_000);
        long start = System.nanoTime();
        for (int i = 0; i <= 200; i++) {
            pacer.awaitTurn();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("201 events at 1,000 a second take at least 200 ms").isGreaterThanOrEqualTo(200);
    }

    @Test
    void refusesARateThatIsNotPositive() {
        assertThatThrownBy(() -> new Pacer(0)).hasMessageContaining("eventsPerSecond must be more than 0");
    }
}
