package dev.gregor.internal.group;

import java.util.UUID;
import java.util.function.BooleanSupplier;

import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.engine.ClientContext;

/** Creates the membership a balanced consumer's configuration asks for: ZooKeeper or Kafka's coordinator. */
public final class GroupMemberships {

    private GroupMemberships() {
    }

    /**
     * The membership of a new member of {@code group} reading the topics of {@code subscription}, not yet started;
     * {@code stalled} tells a managed member that the application stopped consuming for longer than
     * {@code maxPollInterval}.
     */
    public static GroupMembership create(ClientContext context, String group, GroupSubscription subscription,
                                         BooleanSupplier stalled, ConsumerConfig config) {
        config.zookeeperConnect().ifPresent(ZooKeeperDependency::require);
        return config.zookeeperConnect()
                .<GroupMembership>map(connect -> new ZooKeeperMembership(connect, group, subscription,
                        "gregor-" + UUID.randomUUID(), config.assignmentStrategy(), config.sessionTimeout(),
                        config.sessionTimeout(), config.rebalanceMaxRetries(), config.rebalanceBackoff(),
                        context.counters()::rebalanced))
                .orElseGet(() -> new KafkaGroupMembership(context, group, subscription,
                        config.assignmentStrategy(), config.sessionTimeout(), config.heartbeatInterval(),
                        config.rebalanceTimeout(), config.groupInstanceId().orElse(null), stalled));
    }
}
