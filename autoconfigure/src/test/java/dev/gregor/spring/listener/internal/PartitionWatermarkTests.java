package dev.gregor.spring.listener.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionWatermarkTests {

    private final PartitionWatermark watermark = new PartitionWatermark();

    @Test
    void nothingTakenGivesNothingToCommit() {
        assertThat(watermark.watermark()).isEqualTo(-1);
        assertThat(watermark.uncommitted()).isEqualTo(-1);
    }

    @Test
    void theWatermarkStaysAtTheFirstUnfinishedRecordWhateverFinishesAfterIt() {
        watermark.taken(5);
        watermark.taken(6);
        watermark.taken(7);
        watermark.taken(9);
        watermark.finished(9);
        watermark.finished(7);
        watermark.finished(6);

        assertThat(watermark.watermark()).isEqualTo(5);

        watermark.finished(5);

        assertThat(watermark.watermark()).as("past the gap, after the last record taken").isEqualTo(10);
    }

    @Test
    void aCommitIsOnlyOfferedWhenTheWatermarkPassesTheLastOne() {
        watermark.taken(0);
        watermark.taken(1);
        watermark.finished(0);
        assertThat(watermark.uncommitted()).isEqualTo(1);
        watermark.committed(1);

        assertThat(watermark.uncommitted()).isEqualTo(-1);

        watermark.committed(0);
        watermark.finished(1);

        assertThat(watermark.uncommitted()).as("a late, lower commit does not lower the last").isEqualTo(2);
    }
}
