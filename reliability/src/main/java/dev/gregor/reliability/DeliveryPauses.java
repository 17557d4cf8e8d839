package dev.gregor.reliability;

import java.util.Collection;

/** How long a whole group went without handing any member a record: the pause a fault caused. */
public final class DeliveryPauses {

    private DeliveryPauses() {
    }

    /**
     * The longest stretch within {@code [fromMs, toMs]} in which no member of {@code reports} was handed a record,
     * counting from {@code fromMs} to the first delivery and from the last one to {@code toMs}.
     */
    public static long longestMs(Collection<MemberReport> reports, long fromMs, long toMs) {
        long[] times = reports.stream().flatMap(report -> report.deliveries().stream())
                .mapToLong(Delivery::timeMs).filter(time -> time >= fromMs && time <= toMs).sorted().toArray();
        return longestGap(times, fromMs, toMs);
    }

    /**
     * The longest stretch within {@code [fromMs, toMs]} in which one partition's records were handed to no member
     * (a partition that saw no record in the stretch counts it whole): the stall a killed member's partitions see.
     */
    public static long longestPartitionMs(Collection<MemberReport> reports, int partitions, long fromMs, long toMs) {
        long longest = 0;
        for (int partition = 0; partition < partitions; partition++) {
            int only = partition;
            long[] times = reports.stream().flatMap(report -> report.deliveries().stream())
                    .filter(delivery -> delivery.partition() == only).mapToLong(Delivery::timeMs)
                    .filter(time -> time >= fromMs && time <= toMs).sorted().toArray();
            longest = Math.max(longest, longestGap(times, fromMs, toMs));
        }
        return longest;
    }

    private static long longestGap(long[] sortedTimes, long fromMs, long toMs) {
        long longest = 0;
        long previous = fromMs;
        for (long time : sortedTimes) {
            longest = Math.max(longest, time - previous);
            previous = time;
        }
        return Math.max(longest, toMs - previous);
    }
}
