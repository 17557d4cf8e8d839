package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class MemberReportTest {

    @Test
    void readsBackEveryEventItsLinesDescribe() {
        MemberReport report = new MemberReport("m0.1");
        report.accept(MemberReport.started(1, "member-7"));
        report.accept(MemberReport.ownership(2, true, Set.of(0, 1, 2)));
        report.accept(MemberReport.consumed(3, 1, 40, new RecordId(9, 12)));
        report.accept(MemberReport.committed(4, new TreeMap<>(Map.of(1, 41L, 2, 7L))));
        report.accept(MemberReport.commitFailed(5, "coordinator\tmoved"));
        report.accept(MemberReport.ownership(6, false, Set.of(0, 1, 2)));
        report.accept(MemberReport.ownership(7, true, Set.of(2)));
        report.accept(MemberReport.stopped(8));

        assertThat(report.memberId()).isEqualTo("member-7");
        assertThat(report.deliveries()).containsExactly(new Delivery("m0.1", 3, 1, 40, new RecordId(9, 12)));
        assertThat(report.commits()).containsExactly(new CommitObservation(4, 1, 41), new CommitObservation(4, 2, 7));
        assertThat(report.lastCommitted()).containsExactlyInAnyOrderEntriesOf(Map.of(1, 41L, 2, 7L));
        assertThat(report.commitFailures()).isEqualTo(1);
        assertThat(report.revocations()).isEqualTo(1);
        assertThat(report.owned()).containsExactly(2);
        assertThat(report.ownership()).hasSize(3);
        assertThat(report.stopped()).isTrue();
    }

    @Test
    void anEmptyRevocationIsNoRevocation() {
        MemberReport report = new MemberReport("m0.1");
        report.accept(MemberReport.ownership(1, false, Set.of()));
        assertThat(report.revocations()).isZero();
        assertThat(report.assignedOnce()).isFalse();
    }

    @Test
    void aLineOutsideTheFormatIsRefusedNamingTheMember() {
        assertThatThrownBy(() -> new MemberReport("m2.3").accept("consumed\tsoon"))
                .hasMessageContaining("m2.3").hasMessageContaining("consumed\tsoon");
    }
}
