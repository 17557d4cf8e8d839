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

/** Groups and their offsets (SKELETON: every body is to be built). */
final class GroupAdmin {

    private final ClientContext context;

    GroupAdmin(ClientContext context) {
        this.context = context;
    }

    /** Not built yet. */
    List<GroupListing> listGroups() {
        throw new UnsupportedOperationException("listGroups: not built yet");
    }

    /** Not built yet. */
    GroupDescription describeGroup(String group) {
        throw new UnsupportedOperationException("describeGroup: not built yet");
    }

    /** Not built yet. */
    void deleteGroup(String group) {
        throw new UnsupportedOperationException("deleteGroup: not built yet");
    }

    /** Not built yet. */
    Map<TopicPartition, Long> groupOffsets(String group) {
        throw new UnsupportedOperationException("groupOffsets: not built yet");
    }

    /** Not built yet. */
    void alterGroupOffsets(String group, Map<TopicPartition, Long> offsets) {
        throw new UnsupportedOperationException("alterGroupOffsets: not built yet");
    }

    /** Not built yet. */
    void deleteGroupOffsets(String group, Collection<TopicPartition> partitions) {
        throw new UnsupportedOperationException("deleteGroupOffsets: not built yet");
    }

    /** Not built yet. */
    List<PartitionLag> lag(String group) {
        throw new UnsupportedOperationException("lag: not built yet");
    }
}
