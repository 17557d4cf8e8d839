package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OwnershipOverlapsTest {

    private static MemberReport member(String name, String id, Object... timeAssignedPartitions) {
        MemberReport report = new MemberReport(name);
        report.accept(MemberReport.started(0, id));
        for (int i = 0; i < timeAssignedPartitions.length; i += 3) {
            @SuppressWarnings("unchecked")
            Set<Integer> partitions = (Set<Integer>) timeAssignedPartitions[i + 2];
            report.accept(MemberReport.ownership((Long) timeAssignedPartitions[i],
                    (Boolean) timeAssignedPartitions[i + 1], partitions));
        }
        return report;
    }

    @Test
    void aHandOverAfterTheRevocationIsNoOverlap() {
        MemberReport first = member("a.1", "id-a", 10L, true, Set.of(0, 1), 50L, false, Set.of(0, 1),
                60L, true, Set.of(0));
        MemberReport second = member("b.1", "id-b", 55L, true, Set.of(1));
        List<OwnerNodesWatch.Sample> samples = List.of(new OwnerNodesWatch.Sample(30, 1, "id-a"),
                new OwnerNodesWatch.Sample(52, 1, null), new OwnerNodesWatch.Sample(70, 1, "id-b"));
        OwnershipOverlaps overlaps = OwnershipOverlaps.of(List.of(first, second), Map.of(), samples);
        assertThat(overlaps.none()).as(overlaps.examples().toString()).isTrue();
    }

    @Test
    void aMemberStillReportingAPartitionAnotherHoldsIsTwoOwners() {
        MemberReport expired = member("a.1", "id-a", 10L, true, Set.of(0), 80L, false, Set.of(0));
        MemberReport successor = member("b.1", "id-b", 40L, true, Set.of(0));
        List<OwnerNodesWatch.Sample> samples = List.of(new OwnerNodesWatch.Sample(60, 0, "id-b"));
        OwnershipOverlaps overlaps = OwnershipOverlaps.of(List.of(expired, successor), Map.of(), samples);
        assertThat(overlaps.reportedOverlaps()).isEqualTo(1);
        assertThat(overlaps.sampleConflicts()).as("b's node at 60 while a reported owning 0 until 80").isEqualTo(1);
        assertThat(overlaps.examples()).isNotEmpty();
        assertThat(overlaps.none()).isFalse();
    }

    @Test
    void aKilledMembersOwnershipEndsWhenItDied() {
        MemberReport killed = member("a.1", "id-a", 10L, true, Set.of(0));
        MemberReport successor = member("b.1", "id-b", 40L, true, Set.of(0));
        OwnershipOverlaps overlaps = OwnershipOverlaps.of(List.of(killed, successor), Map.of("a.1", 30L), List.of(
                new OwnerNodesWatch.Sample(50, 0, "id-b")));
        assertThat(overlaps.none()).isTrue();
    }
}
