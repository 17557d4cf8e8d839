package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CommitConfirmationsTest {

    @Test
    void commitsConfirmedInTheOrderAskedAreAllReported() {
        CommitConfirmations confirmations = new CommitConfirmations();
        List<Long> reported = new ArrayList<>();
        long first = confirmations.ask();
        long second = confirmations.ask();
        assertThat(confirmations.confirmed(first, () -> reported.add(first))).isTrue();
        assertThat(confirmations.confirmed(second, () -> reported.add(second))).isTrue();
        assertThat(reported).containsExactly(first, second);
    }

    @Test
    void aCommitConfirmedAfterALaterAskedOneIsNotReported() {
        CommitConfirmations confirmations = new CommitConfirmations();
        List<Long> reported = new ArrayList<>();
        long older = confirmations.ask();
        long newer = confirmations.ask();
        assertThat(confirmations.confirmed(newer, () -> reported.add(newer))).isTrue();
        assertThat(confirmations.confirmed(older, () -> reported.add(older))).isFalse();
        assertThat(reported).containsExactly(newer);
    }
}
