package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceTallyTest {

    @Test
    void countsDistinctRecordsRepeatsAndWhatAnotherTallyLacks() {
        SequenceTally sent = new SequenceTally();
        SequenceTally consumed = new SequenceTally();
        for (long sequence = 0; sequence < 100; sequence++) {
            sent.see(new RecordId(1, sequence));
            sent.see(new RecordId(2, sequence));
            if (sequence != 42) {
                consumed.see(new RecordId(1, sequence));
            }
        }
        consumed.see(new RecordId(1, 7));
        consumed.see(new RecordId(2, 0));

        assertThat(sent.records()).isEqualTo(200);
        assertThat(sent.repeats()).isZero();
        assertThat(consumed.records()).isEqualTo(100);
        assertThat(consumed.repeats()).isEqualTo(1);
        assertThat(sent.countMissingFrom(consumed)).as("1/42 and writer 2's 1 to 99").isEqualTo(100);
        assertThat(consumed.countMissingFrom(sent)).isZero();
        assertThat(consumed.saw(new RecordId(1, 42))).isFalse();
        assertThat(consumed.saw(new RecordId(2, 0))).isTrue();
    }
}
