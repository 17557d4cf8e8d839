/**
 * A consumer group's offsets at Kafka's group coordinator: finding the coordinator, fetching committed offsets and
 * committing new ones in order. Used by the consumers and by the group memberships alike, so it depends on neither.
 */
package dev.gregor.internal.group;
