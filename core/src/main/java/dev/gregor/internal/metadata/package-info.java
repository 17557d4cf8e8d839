/**
 * The client's view of the cluster: brokers, topics, partitions and their leaders, refreshed when it ages and
 * whenever a broker says leadership moved.
 */
package dev.gregor.internal.metadata;
