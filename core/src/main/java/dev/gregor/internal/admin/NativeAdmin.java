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

/** {@link Admin} on Gregor's engine: topics, configs, records and the cluster in one part, groups in the other. */
public final class NativeAdmin implements Admin {

    private final ResourceAdmin resources;
    private final GroupAdmin groups;

    /** The admin API of the client {@code context} belongs to. */
    public NativeAdmin(ClientContext context) {
        this.resources = new ResourceAdmin(context);
        this.groups = new GroupAdmin(context);
    }

    @Override
    public List<TopicListing> listTopics(boolean includeInternal) {
        return resources.listTopics(includeInternal);
    }

    @Override
    public TopicDescription describeTopic(String name) {
        return resources.describeTopic(name);
    }

    @Override
    public void createTopic(TopicSpec spec) {
        resources.createTopic(spec);
    }

    @Override
    public void deleteTopic(String name) {
        resources.deleteTopic(name);
    }

    @Override
    public void addPartitions(String topic, int totalPartitions) {
        resources.addPartitions(topic, totalPartitions);
    }

    @Override
    public List<ConfigEntry> describeConfig(ConfigResource resource) {
        return resources.describeConfig(resource);
    }

    @Override
    public void alterConfig(ConfigResource resource, List<ConfigChange> changes) {
        resources.alterConfig(resource, changes);
    }

    @Override
    public Map<TopicPartition, Long> deleteRecords(Map<TopicPartition, Long> beforeOffsets) {
        return resources.deleteRecords(beforeOffsets);
    }

    @Override
    public Map<TopicPartition, ListedOffset> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        return resources.offsets(partitions, spec);
    }

    @Override
    public ClusterDescription describeCluster() {
        return resources.describeCluster();
    }

    @Override
    public List<GroupListing> listGroups() {
        return groups.listGroups();
    }

    @Override
    public GroupDescription describeGroup(String group) {
        return groups.describeGroup(group);
    }

    @Override
    public void deleteGroup(String group) {
        groups.deleteGroup(group);
    }

    @Override
    public Map<TopicPartition, Long> groupOffsets(String group) {
        return groups.groupOffsets(group);
    }

    @Override
    public void alterGroupOffsets(String group, Map<TopicPartition, Long> offsets) {
        groups.alterGroupOffsets(group, offsets);
    }

    @Override
    public void deleteGroupOffsets(String group, Collection<TopicPartition> partitions) {
        groups.deleteGroupOffsets(group, partitions);
    }

    @Override
    public List<PartitionLag> lag(String group) {
        return groups.lag(group);
    }
}
