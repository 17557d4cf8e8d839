package dev.gregor.spring.listener.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.gregor.Message;
import dev.gregor.TopicPartition;
import dev.gregor.spring.listener.Acknowledgment;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Acknowledgment} of one listener call, over the records it was given (one, or a batch): acknowledging
 * records them in the container's {@link AcknowledgedOffsets}; a nack is kept for the container to act on once the
 * call returned.
 */
final class ListAcknowledgment implements Acknowledgment {

    private final List<Message> records;
    private final AcknowledgedOffsets offsets;
    private int nackedIndex = -1;
    private @Nullable Duration pause;

    ListAcknowledgment(List<Message> records, AcknowledgedOffsets offsets) {
        this.records = records;
        this.offsets = offsets;
    }

    @Override
    public void acknowledge() {
        records.forEach(offsets::acknowledge);
    }

    @Override
    public void nack(Duration pause) {
        nack(0, pause);
    }

    @Override
    public void nack(int index, Duration pause) {
        if (index < 0 || index >= records.size()) {
            throw new IndexOutOfBoundsException("nack(" + index + "): the listener was given " + records.size()
                    + " record(s), so the index must be 0 to " + (records.size() - 1));
        }
        if (pause == null || pause.isNegative()) {
            throw new IllegalArgumentException("nack: the pause must be a duration of 0 or more, was " + pause);
        }
        records.subList(0, index).forEach(offsets::acknowledge);
        this.nackedIndex = index;
        this.pause = pause;
    }

    /** The pause the listener asked for with a nack, or null if it did not nack. */
    @Nullable Duration pause() {
        return pause;
    }

    /** The index of the nacked record (-1 if none). */
    int nackedIndex() {
        return nackedIndex;
    }

    /** After a nack: per partition of the records from the nacked one on, the offset to re-deliver from. */
    Map<TopicPartition, Long> redelivery() {
        Map<TopicPartition, Long> from = new TreeMap<>();
        for (Message message : records.subList(Math.max(0, nackedIndex), records.size())) {
            from.merge(AcknowledgedOffsets.partitionOf(message), message.offset(), Math::min);
        }
        return from;
    }
}
