package dev.gregor.testkit.internal.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.ElectionNotNeededException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Reads and moves partition leadership through Kafka's Admin: describes a partition, runs preferred-leader
 * elections, and makes a chosen broker the leader (reassigning the replica list so that it comes first, then
 * electing the preferred leader). Every change returns only once the cluster's metadata shows it.
 */
final class Leadership {

    private static final Duration POLL = Duration.ofMillis(100);
    /** A metadata read of its own, so that a failure message can still show the partition after the deadline. */
    private static final Duration DESCRIBE_TIMEOUT = Duration.ofSeconds(15);

    private final Admin admin;
    private final Duration timeout;
    private final long deadline;

    /** Leadership work for one command, which must be done within {@code timeout} from now. */
    Leadership(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    /** {@code <leader id or -1> [replica ids] [in-sync replica ids]}, without spaces inside the lists. */
    String describe(TopicPartition partition) throws Exception {
        TopicPartitionInfo info = info(partition);
        return leaderId(info) + " " + ids(info.replicas()).toString().replace(" ", "")
                + " " + ids(info.isr()).toString().replace(" ", "");
    }

    /**
     * Elects the preferred (first) replica of each partition of {@code topic}, retrying while one is not in sync
     * yet, and waits until each leads.
     */
    void electPreferred(String topic) throws Exception {
        Set<TopicPartition> partitions = topic(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
        List<String> failures = failedElections(partitions);
        while (!failures.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the preferred leader election of topic " + topic + " failed for "
                        + String.join("; ", failures));
            }
            Thread.sleep(POLL.toMillis());
            failures = failedElections(partitions);
        }
        for (TopicPartition partition : partitions) {
            await(partition, info -> leaderId(info) == info.replicas().get(0).id(), "its preferred replica to lead");
        }
    }

    /**
     * Makes {@code broker} the leader of {@code partition}: puts it first in the replica list (replacing the last
     * other replica if it was none, so the replication factor stays), waits for the reassignment, then elects it.
     */
    void move(TopicPartition partition, int broker) throws Exception {
        List<Integer> replicas = ids(info(partition).replicas());
        if (replicas.get(0) != broker) {
            List<Integer> target = new ArrayList<>(List.of(broker));
            replicas.stream().filter(id -> id != broker).limit(replicas.size() - 1L).forEach(target::add);
            admin.alterPartitionReassignments(Map.of(partition, Optional.of(new NewPartitionReassignment(target))))
                    .all().get(remainingMillis(), TimeUnit.MILLISECONDS);
            await(partition, info -> ids(info.replicas()).equals(target) && ids(info.isr()).contains(broker)
                    && reassignmentDone(partition), "the reassignment to replicas " + target + " to finish");
        }
        List<String> failures = failedElections(Set.of(partition));
        while (!failures.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("broker " + broker + " could not be elected leader of "
                        + failures.get(0) + " (leader, replicas, ISR: " + describe(partition) + ")");
            }
            Thread.sleep(POLL.toMillis());
            failures = failedElections(Set.of(partition));
        }
        await(partition, info -> leaderId(info) == broker, "broker " + broker + " to lead");
    }

    /** Runs a preferred election; {@code "partition: reason"} for each partition that could not elect, if any. */
    private List<String> failedElections(Set<TopicPartition> partitions) throws Exception {
        List<String> failures = new ArrayList<>();
        elect(partitions).forEach((partition, error) -> error
                .filter(e -> !(e instanceof ElectionNotNeededException))
                .ifPresent(e -> failures.add(partition + ": " + e.getMessage())));
        return failures;
    }

    private Map<TopicPartition, Optional<Throwable>> elect(Set<TopicPartition> partitions) throws Exception {
        return admin.electLeaders(ElectionType.PREFERRED, partitions).partitions()
                .get(remainingMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean reassignmentDone(TopicPartition partition) {
        try {
            return !admin.listPartitionReassignments(Set.of(partition)).reassignments()
                    .get(remainingMillis(), TimeUnit.MILLISECONDS).containsKey(partition);
        } catch (Exception notAnsweredYet) {
            return false;
        }
    }

    private void await(TopicPartition partition, Predicate<TopicPartitionInfo> condition, String what) throws Exception {
        TopicPartitionInfo info = info(partition);
        while (!condition.test(info)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(partition + " waited " + timeout.toSeconds() + " s for " + what
                        + "; it has leader, replicas, ISR: " + describe(partition));
            }
            Thread.sleep(POLL.toMillis());
            info = info(partition);
        }
    }

    private TopicPartitionInfo info(TopicPartition partition) throws Exception {
        TopicDescription description = topic(partition.topic());
        return description.partitions().stream().filter(p -> p.partition() == partition.partition()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("topic " + partition.topic() + " has no partition "
                        + partition.partition() + " (it has " + description.partitions().size() + ")"));
    }

    /**
     * The topic as some broker describes it. The Admin retries a request that timed out (one sent to a paused
     * broker) on another broker; this retries a retriable error, such as a broker that is catching up and does
     * not know a new topic yet.
     */
    private TopicDescription topic(String topic) throws Exception {
        long giveUp = System.nanoTime() + DESCRIBE_TIMEOUT.toNanos();
        while (true) {
            int left = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(giveUp - System.nanoTime()));
            try {
                return admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(left)).allTopicNames()
                        .get(left + 1_000L, TimeUnit.MILLISECONDS).get(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() - giveUp > 0) {
                    throw e;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    private long remainingMillis() {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static int leaderId(TopicPartitionInfo info) {
        Node leader = info.leader();
        return leader == null || leader.isEmpty() ? -1 : leader.id();
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }
}
