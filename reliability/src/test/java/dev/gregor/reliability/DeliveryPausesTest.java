package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class DeliveryPausesTest {

    private static MemberReport handed(String name, long... times) {
        MemberReport report = new MemberReport(name);
        for (int i = 0; i < times.length; i++) {
            report.accept(MemberReport.consumed(times[i], 0, i, new RecordId(0, i)));
        }
        return report;
    }

    @Test
    void theLongestStretchWithoutAnyMemberBeingHandedARecord() {
        List<MemberReport> reports = List.of(handed("a", 100, 200, 900), handed("b", 250, 300, 950));
        assertThat(DeliveryPauses.longestMs(reports, 0, 1000)).as("300 to 900").isEqualTo(600);
        assertThat(DeliveryPauses.longestMs(reports, 920, 2000)).as("950 to the end").isEqualTo(1050);
        assertThat(DeliveryPauses.longestMs(reports, 150, 260)).as("the start to 200").isEqualTo(50);
    }

    @Test
    void thePartitionStallIsTheLongestStretchOneOfThePartitionsWentWithout() {
        MemberReport report = new MemberReport("a");
        report.accept(MemberReport.consumed(100, 0, 0, new RecordId(0, 0)));
        report.accept(MemberReport.consumed(150, 1, 0, new RecordId(1, 0)));
        report.accept(MemberReport.consumed(400, 0, 1, new RecordId(0, 1)));
        report.accept(MemberReport.consumed(420, 1, 1, new RecordId(1, 1)));
        assertThat(DeliveryPauses.longestPartitionMs(List.of(report), 2, 0, 500)).as("0 from 100 to 400")
                .isEqualTo(300);
        assertThat(DeliveryPauses.longestPartitionMs(List.of(report), 3, 0, 500)).as("2 saw nothing").isEqualTo(500);
    }
}
