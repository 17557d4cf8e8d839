package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ConsumptionAuditTest {

    private static final List<StoredRecord> LOG = List.of(stored(0, 0), stored(0, 1), stored(0, 2), stored(0, 3),
            stored(1, 0), stored(1, 1));

    private static StoredRecord stored(int partition, long offset) {
        return new StoredRecord(partition, offset, new RecordId(partition, offset));
    }

    private static MemberReport member(String name, long... partitionOffsetTime) {
        MemberReport report = new MemberReport(name);
        for (int i = 0; i < partitionOffsetTime.length; i += 3) {
            int partition = (int) partitionOffsetTime[i];
            long offset = partitionOffsetTime[i + 1];
            report.accept(MemberReport.consumed(partitionOffsetTime[i + 2], partition, offset,
                    new RecordId(partition, offset)));
        }
        return report;
    }

    @Test
    void everyRecordHandedOutOnceIsClean() {
        MemberReport first = member("m0.1", 0, 0, 1, 0, 1, 2, 0, 2, 3, 0, 3, 4);
        MemberReport second = member("m1.1", 1, 0, 1, 1, 1, 2);
        ConsumptionAudit audit = ConsumptionAudit.of(LOG, List.of(first, second), Set.of());
        assertThat(audit).isEqualTo(new ConsumptionAudit(6, 6, 0, 0, 0, 0, 0, 0));
        assertThat(audit.clean()).isTrue();
    }

    @Test
    void aKilledMembersRecordsAfterItsLastCommitExplainTheirRedelivery() {
        MemberReport killed = member("m0.1", 0, 0, 1, 0, 1, 2, 0, 2, 3);
        killed.accept(MemberReport.committed(2, Map.of(0, 2L)));
        MemberReport successor = member("m1.1", 0, 2, 10, 0, 3, 11, 1, 0, 1, 1, 1, 2);
        ConsumptionAudit audit = ConsumptionAudit.of(LOG, List.of(killed, successor), Set.of("m0.1"));
        assertThat(audit.duplicated()).as("0/2 twice").isEqualTo(1);
        assertThat(audit.explainedDuplicates()).isEqualTo(1);
        assertThat(audit.unexplainedDuplicates()).isZero();
        assertThat(audit.clean()).isTrue();
    }

    @Test
    void aRedeliveryOfCommittedRecordsOrOfACleanlyStoppedMemberIsUnexplained() {
        MemberReport killed = member("m0.1", 0, 0, 1, 0, 1, 2);
        killed.accept(MemberReport.committed(3, Map.of(0, 2L)));
        MemberReport stopped = member("m1.1", 1, 0, 1);
        MemberReport successor = member("m2.1", 0, 1, 10, 0, 2, 11, 0, 3, 12, 1, 0, 13, 1, 1, 14);
        ConsumptionAudit audit = ConsumptionAudit.of(LOG, List.of(killed, stopped, successor), Set.of("m0.1"));
        assertThat(audit.duplicated()).isEqualTo(2);
        assertThat(audit.explainedDuplicates()).as("0/1 was committed before the kill; 1/0 was not killed").isZero();
        assertThat(audit.unexplainedDuplicates()).isEqualTo(2);
        assertThat(audit.clean()).isFalse();
    }

    @Test
    void countsLostMisdeliveredAndReorderedRecords() {
        MemberReport member = member("m0.1", 0, 0, 1, 0, 2, 2, 0, 1, 3, 1, 0, 4);
        member.accept(MemberReport.consumed(5, 1, 7, new RecordId(1, 7)));
        ConsumptionAudit audit = ConsumptionAudit.of(LOG, List.of(member), Set.of());
        assertThat(audit.lost()).as("0/3 and 1/1").isEqualTo(2);
        assertThat(audit.misdelivered()).as("1/7 is not in the log").isEqualTo(1);
        assertThat(audit.reordered()).as("0/1 after 0/2").isEqualTo(1);
    }
}
