package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RelayAuditTest {

    private static final List<StoredRecord> SOURCE = List.of(at(0, 0, 0), at(0, 1, 1), at(0, 2, 2), at(1, 0, 3));

    private static StoredRecord at(int partition, long offset, long sequence) {
        return new StoredRecord(partition, offset, new RecordId(7, sequence));
    }

    @Test
    void anOutputHoldingEverySourceRecordOnceInItsPartitionAndOrderIsClean() {
        List<StoredRecord> output = List.of(at(0, 0, 0), at(0, 1, 1), at(0, 2, 2), at(1, 0, 3));
        RelayAudit audit = RelayAudit.of(SOURCE, output);
        assertThat(audit).isEqualTo(new RelayAudit(4, 4, 0, 0, 0, 0, 0));
        assertThat(audit.clean()).isTrue();
    }

    @Test
    void aRecordWrittenAgainCountsAsDuplicatedAndAsOutOfOrder() {
        List<StoredRecord> output = List.of(at(0, 0, 0), at(0, 1, 1), at(0, 2, 1), at(0, 3, 2), at(1, 0, 3));
        RelayAudit audit = RelayAudit.of(SOURCE, output);
        assertThat(audit).isEqualTo(new RelayAudit(4, 5, 0, 1, 1, 0, 0));
        assertThat(audit.clean()).isFalse();
    }

    @Test
    void missingSwappedMisroutedAndUnknownRecordsAreEachCounted() {
        List<StoredRecord> output = List.of(at(0, 0, 2), at(0, 1, 0), at(1, 0, 1), at(1, 1, 99));
        assertThat(RelayAudit.of(SOURCE, output)).isEqualTo(new RelayAudit(4, 4, 1, 0, 1, 1, 1));
    }
}
