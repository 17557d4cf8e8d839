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
        long longest = 0;
        long previous = fromMs;
        for (long time : times) {
            longest = Math.max(longest, time - previous);
            previous = time;
        }
        return Math.max(longest, toMs - previous);
    }
}
