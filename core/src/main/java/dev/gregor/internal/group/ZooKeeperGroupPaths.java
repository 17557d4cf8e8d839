package dev.gregor.internal.group;

import dev.gregor.TopicPartition;

/**
 * Where a consumer group lives in ZooKeeper (PyKafka's layout): members below {@code /consumers/<group>/ids}, one
 * owner node per topic-partition at {@code /consumers/<group>/owners/<topic>/<partition>}, keyed by partition id
 * alone so that leader moves never reshuffle the group. Gregor adds one persistent node per topic-partition at
 * {@code /consumers/<group>/handovers/<topic>/<partition>}, naming the session that holds the owner node (empty once
 * released).
 */
record ZooKeeperGroupPaths(String group) {

    /** The parent of the member nodes. */
    String members() {
        return "/consumers/" + group + "/ids";
    }

    /** The ephemeral node registering {@code memberId}. */
    String member(String memberId) {
        return members() + "/" + memberId;
    }

    /** The ephemeral node naming the member that reads {@code partition}. */
    String owner(TopicPartition partition) {
        return "/consumers/" + group + "/owners/" + partition.topic() + "/" + partition.partition();
    }

    /** The persistent node naming the session that holds {@code partition}'s owner node, empty once released. */
    String handover(TopicPartition partition) {
        return "/consumers/" + group + "/handovers/" + partition.topic() + "/" + partition.partition();
    }
}
