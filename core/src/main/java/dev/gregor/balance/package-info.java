/**
 * Sharing a topic's partitions among the members of a consumer group: the assignment strategies (range and
 * round-robin, named as Kafka names them so that Gregor and {@code kafka-clients} members can share a group).
 */
package dev.gregor.balance;
