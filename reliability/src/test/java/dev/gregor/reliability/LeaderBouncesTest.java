package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeaderBouncesTest {

    @Test
    void alternatesKillsAndCleanBouncesKillFirstThenTheRest() {
        assertThat(LeaderBounces.alternating(2, 3)).containsExactly(LeaderBounces.Kind.KILL,
                LeaderBounces.Kind.CLEAN, LeaderBounces.Kind.KILL, LeaderBounces.Kind.CLEAN, LeaderBounces.Kind.CLEAN);
    }
}
