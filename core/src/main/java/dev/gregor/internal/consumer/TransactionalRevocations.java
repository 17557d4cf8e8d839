package dev.gregor.internal.consumer;

import java.util.Map;
import java.util.Set;

import dev.gregor.TopicPartition;
import dev.gregor.consumer.RebalanceListener;

/**
 * The rebalance listener of a transactional consumer: before partitions are revoked it lets the open transaction
 * end (see {@link TransactionBoundary#beforeRevoke}) and commits nothing, since only transactions commit; the
 * application's own listener hears everything else.
 */
final class TransactionalRevocations implements RebalanceListener {

    private final TransactionBoundary boundary;
    private final RebalanceListener application;

    TransactionalRevocations(TransactionBoundary boundary, RebalanceListener application) {
        this.boundary = boundary;
        this.application = application;
    }

    @Override
    public Map<TopicPartition, Long> offsetsToCommitOnRevoke(Set<TopicPartition> partitions) {
        boundary.beforeRevoke(partitions);
        return Map.of();
    }

    @Override
    public Map<TopicPartition, Long> startingOffsets(Map<TopicPartition, Long> positions) {
        return application.startingOffsets(positions);
    }

    @Override
    public void topicPartitionsRevoked(Set<TopicPartition> partitions) {
        application.topicPartitionsRevoked(partitions);
    }

    @Override
    public void topicPartitionsAssigned(Set<TopicPartition> partitions) {
        application.topicPartitionsAssigned(partitions);
    }
}
