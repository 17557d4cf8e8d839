/**
 * Consumer groups: how a member learns which partitions it owns, through ZooKeeper or through Kafka's group
 * coordinator, and hands them over safely when the group changes; and the group's offsets at the coordinator
 * (finding it, fetching committed offsets, committing new ones in order). Used by the consumers; uses none of them.
 */
package dev.gregor.internal.group;
