package dev.gregor.internal.group;

import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.client.ClientContext;

/** Creates the membership a balanced consumer's configuration asks for: ZooKeeper or Kafka's coordinator. */
public final class GroupMemberships {

    private GroupMemberships() {
    }

    /**
     * The membership of a new member of {@code group} consuming {@code topic}, not yet started; {@code stalled}
     * tells a managed member that the application stopped consuming for longer than {@code maxPollInterval}.
     */
    public static GroupMembership create(ClientContext context, String group, String topic, IntSupplier partitionCount,
                                         BooleanSupplier stalled, ConsumerConfig config) {
        config.zookeeperConnect().ifPresent(ZooKeeperDependency::require);
        return config.zookeeperConnect()
                .<GroupMembership>map(connect -> new ZooKeeperMembership(connect, group, topic, partitionCount,
                        "gregor-" + UUID.randomUUID(), config.assignmentStrategy(), config.sessionTimeout(),
                        config.sessionTimeout(), config.rebalanceMaxRetries(), config.rebalanceBackoff()))
                .orElseGet(() -> new KafkaGroupMembership(context, group, topic, partitionCount,
                        config.assignmentStrategy(), config.sessionTimeout(), config.heartbeatInterval(),
                        config.rebalanceTimeout(), config.groupInstanceId().orElse(null), stalled));
    }
}
