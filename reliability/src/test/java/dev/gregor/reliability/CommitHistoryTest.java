package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CommitHistoryTest {

    @Test
    void findsEachStepBackwardsPerPartition() {
        CommitHistory history = new CommitHistory(List.of(new CommitObservation(3, 0, 4001),
                new CommitObservation(1, 0, 4000), new CommitObservation(2, 0, 4501), new CommitObservation(2, 1, 9),
                new CommitObservation(4, 1, 10), new CommitObservation(5, 0, 4600)));
        assertThat(history.regressions()).singleElement().satisfies(regression -> {
            assertThat(regression.partition()).isZero();
            assertThat(regression.before().offset()).isEqualTo(4501);
            assertThat(regression.after().offset()).isEqualTo(4001);
        });
    }

    @Test
    void aRepeatedValueIsNoRegression() {
        assertThat(new CommitHistory(List.of(new CommitObservation(1, 0, 5), new CommitObservation(2, 0, 5)))
                .regressions()).isEmpty();
    }
}
