package dev.gregor.spring.listener;

import java.util.Set;

import dev.gregor.TopicPartition;
import org.springframework.context.ApplicationEvent;

/** What happens to a {@link ListenerContainer}, published as Spring application events. */
public abstract sealed class ListenerContainerEvent extends ApplicationEvent {

    ListenerContainerEvent(ListenerContainer container) {
        super(container);
    }

    /** The container. */
    public ListenerContainer container() {
        return (ListenerContainer) getSource();
    }

    /** The container's thread started. */
    public static final class Started extends ListenerContainerEvent {
        /** For {@code container}. */
        public Started(ListenerContainer container) {
            super(container);
        }
    }

    /** The container stopped, after committing what it processed. */
    public static final class Stopped extends ListenerContainerEvent {
        /** For {@code container}. */
        public Stopped(ListenerContainer container) {
            super(container);
        }
    }

    /** Something failed: the container retries (connection problems) or has stopped ({@link ListenerContainer#failure()}). */
    public static final class Failed extends ListenerContainerEvent {
        private final Throwable error;

        /** For {@code container}, with the error. */
        public Failed(ListenerContainer container, Throwable error) {
            super(container);
            this.error = error;
        }

        /** What went wrong. */
        public Throwable error() {
            return error;
        }
    }

    /** No record arrived for a while. */
    public static final class Idle extends ListenerContainerEvent {
        /** For {@code container}. */
        public Idle(ListenerContainer container) {
            super(container);
        }
    }

    /** A balanced container's partitions changed. */
    public abstract static sealed class PartitionsChanged extends ListenerContainerEvent {
        private final Set<TopicPartition> partitions;

        PartitionsChanged(ListenerContainer container, Set<TopicPartition> partitions) {
            super(container);
            this.partitions = Set.copyOf(partitions);
        }

        /** The partitions given or taken. */
        public Set<TopicPartition> partitions() {
            return partitions;
        }
    }

    /** A balanced container was given partitions. */
    public static final class PartitionsAssigned extends PartitionsChanged {
        /** For {@code container}, with the partitions. */
        public PartitionsAssigned(ListenerContainer container, Set<TopicPartition> partitions) {
            super(container, partitions);
        }
    }

    /** A balanced container lost partitions (their processed offsets are committed). */
    public static final class PartitionsRevoked extends PartitionsChanged {
        /** For {@code container}, with the partitions. */
        public PartitionsRevoked(ListenerContainer container, Set<TopicPartition> partitions) {
            super(container, partitions);
        }
    }
}
