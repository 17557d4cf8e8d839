package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConsumeAuditTest {

    private static StoredRecord at(int partition, long offset, long sequence) {
        return new StoredRecord(partition, offset, new RecordId(1, sequence));
    }

    @Test
    void readingTheWholeLogOnceInOrderIsClean() {
        List<StoredRecord> log = List.of(at(0, 0, 0), at(0, 1, 2), at(1, 0, 1));
        ConsumeAudit audit = ConsumeAudit.of(List.of(at(1, 0, 1), at(0, 0, 0), at(0, 1, 2)), log);
        assertThat(audit).isEqualTo(new ConsumeAudit(3, 3, 0, 0, 0, 0));
        assertThat(audit.clean()).isTrue();
    }

    @Test
    void countsSkippedDuplicatedReorderedAndMismatchedRecords() {
        List<StoredRecord> log = List.of(at(0, 0, 0), at(0, 1, 1), at(0, 2, 2), at(0, 3, 3));
        List<StoredRecord> consumed = List.of(at(0, 0, 0), at(0, 2, 2), at(0, 0, 0), at(0, 3, 9));
        ConsumeAudit audit = ConsumeAudit.of(consumed, log);
        assertThat(audit.skipped()).as("offset 1 never read").isEqualTo(1);
        assertThat(audit.duplicated()).as("offset 0 read twice").isEqualTo(1);
        assertThat(audit.reordered()).as("back from 2 to 0").isEqualTo(1);
        assertThat(audit.mismatched()).as("offset 3 holds 1/3, not 1/9").isEqualTo(1);
        assertThat(audit.clean()).isFalse();
    }
}
