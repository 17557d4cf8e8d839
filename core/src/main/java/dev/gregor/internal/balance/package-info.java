/**
 * Group membership behind the balanced consumer: how a member learns which partitions it owns, through ZooKeeper
 * or through Kafka's group coordinator, and hands them over safely when the group changes.
 */
package dev.gregor.internal.balance;
