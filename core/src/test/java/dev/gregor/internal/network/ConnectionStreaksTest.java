package dev.gregor.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class ConnectionStreaksTest {

    private final ConnectionStreaks streaks = new ConnectionStreaks();
    private final BrokerAddress down = new BrokerAddress("127.0.0.1", 9092);
    private final BrokerAddress other = new BrokerAddress("127.0.0.1", 9093);

    @Test
    void onlyTheFirstFailureOfARunIsAWarning() {
        assertThat(streaks.failed(down)).isEqualTo(Level.WARN);
        assertThat(streaks.failed(down)).isEqualTo(Level.DEBUG);
        assertThat(streaks.failed(down)).isEqualTo(Level.DEBUG);
    }

    @Test
    void eachBrokerHasItsOwnRun() {
        streaks.failed(down);

        assertThat(streaks.failed(other)).isEqualTo(Level.WARN);
        assertThat(streaks.failed(down)).isEqualTo(Level.DEBUG);
    }

    @Test
    void aConnectionAfterFailuresIsNewsAndStartsAFreshRun() {
        assertThat(streaks.connected(down)).as("a first connection").isEqualTo(Level.DEBUG);
        streaks.failed(down);
        streaks.failed(down);

        assertThat(streaks.connected(down)).isEqualTo(Level.INFO);
        assertThat(streaks.connected(down)).isEqualTo(Level.DEBUG);
        assertThat(streaks.failed(down)).isEqualTo(Level.WARN);
    }
}
