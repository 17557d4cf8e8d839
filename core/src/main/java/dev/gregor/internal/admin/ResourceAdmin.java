package dev.gregor.internal.admin;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.gregor.TopicPartition;
import dev.gregor.admin.Admin;
import dev.gregor.admin.ClusterDescription;
import dev.gregor.admin.ConfigChange;
import dev.gregor.admin.ConfigEntry;
import dev.gregor.admin.ConfigResource;
import dev.gregor.admin.GroupDescription;
import dev.gregor.admin.GroupListing;
import dev.gregor.admin.ListedOffset;
import dev.gregor.admin.OffsetSpec;
import dev.gregor.admin.PartitionLag;
import dev.gregor.admin.TopicDescription;
import dev.gregor.admin.TopicListing;
import dev.gregor.admin.TopicSpec;
import dev.gregor.internal.engine.ClientContext;

/** Topics, configs, records and the cluster (SKELETON: every body is to be built). */
final class ResourceAdmin {

    private final ClientContext context;

    ResourceAdmin(ClientContext context) {
        this.context = context;
    }

    /** Not built yet. */
    List<TopicListing> listTopics(boolean includeInternal) {
        throw new UnsupportedOperationException("listTopics: not built yet");
    }

    /** Not built yet. */
    TopicDescription describeTopic(String name) {
        throw new UnsupportedOperationException("describeTopic: not built yet");
    }

    /** Not built yet. */
    void createTopic(TopicSpec spec) {
        throw new UnsupportedOperationException("createTopic: not built yet");
    }

    /** Not built yet. */
    void deleteTopic(String name) {
        throw new UnsupportedOperationException("deleteTopic: not built yet");
    }

    /** Not built yet. */
    void addPartitions(String topic, int totalPartitions) {
        throw new UnsupportedOperationException("addPartitions: not built yet");
    }

    /** Not built yet. */
    List<ConfigEntry> describeConfig(ConfigResource resource) {
        throw new UnsupportedOperationException("describeConfig: not built yet");
    }

    /** Not built yet. */
    void alterConfig(ConfigResource resource, List<ConfigChange> changes) {
        throw new UnsupportedOperationException("alterConfig: not built yet");
    }

    /** Not built yet. */
    Map<TopicPartition, Long> deleteRecords(Map<TopicPartition, Long> beforeOffsets) {
        throw new UnsupportedOperationException("deleteRecords: not built yet");
    }

    /** Not built yet. */
    Map<TopicPartition, ListedOffset> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        throw new UnsupportedOperationException("offsets: not built yet");
    }

    /** Not built yet. */
    ClusterDescription describeCluster() {
        throw new UnsupportedOperationException("describeCluster: not built yet");
    }
}
