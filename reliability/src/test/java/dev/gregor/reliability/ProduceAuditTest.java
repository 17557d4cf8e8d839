package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProduceAuditTest {

    private static StoredRecord at(int partition, long offset, long writer, long sequence) {
        return new StoredRecord(partition, offset, new RecordId(writer, sequence));
    }

    private static Acknowledgements acknowledged(StoredRecord... records) {
        Acknowledgements acks = new Acknowledgements();
        for (StoredRecord record : records) {
            acks.acknowledged(record.id(), record.partition(), record.offset());
        }
        return acks;
    }

    @Test
    void aLogHoldingExactlyWhatWasAcknowledgedIsClean() {
        List<StoredRecord> log = List.of(at(0, 0, 1, 0), at(0, 1, 1, 2), at(1, 0, 1, 1));
        ProduceAudit audit = ProduceAudit.of(acknowledged(log.toArray(StoredRecord[]::new)), log);
        assertThat(audit).isEqualTo(new ProduceAudit(3, 3, 0, 0, 0, 0, 0));
        assertThat(audit.clean()).isTrue();
    }

    @Test
    void countsLostDuplicatedReorderedAndMisplacedRecords() {
        Acknowledgements acks = acknowledged(at(0, 0, 1, 0), at(0, 1, 1, 1), at(0, 2, 1, 2), at(0, 3, 1, 3));
        List<StoredRecord> log = List.of(at(0, 0, 1, 0), at(0, 1, 1, 2), at(0, 2, 1, 1), at(0, 3, 1, 1),
                at(0, 4, 2, 0));
        ProduceAudit audit = ProduceAudit.of(acks, log);
        assertThat(audit.lost()).as("1/3 never stored").isEqualTo(1);
        assertThat(audit.duplicated()).as("1/1 twice").isEqualTo(1);
        assertThat(audit.reordered()).as("2 before 1, then 1 again").isEqualTo(2);
        assertThat(audit.misplaced()).as("1/1 acknowledged at 0/1 which holds 1/2; 1/2 at 0/2 which holds 1/1")
                .isEqualTo(2);
        assertThat(audit.unacknowledgedStored()).isEqualTo(1);
        assertThat(audit.clean()).isFalse();
    }

    @Test
    void writersAreOrderedPerPartitionNotAcrossPartitions() {
        List<StoredRecord> log = List.of(at(0, 0, 1, 5), at(1, 0, 1, 1), at(1, 1, 2, 0), at(1, 2, 1, 2));
        assertThat(ProduceAudit.of(new Acknowledgements(), log).reordered()).isZero();
    }
}
