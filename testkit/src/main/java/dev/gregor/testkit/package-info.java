/**
 * Throwaway Kafka clusters for tests and demos: {@link dev.gregor.testkit.EmbeddedKafkaCluster} starts real Kafka
 * brokers (KRaft, each in its own JVM) and optionally a ZooKeeper server, all on 127.0.0.1 and free ports.
 */
package dev.gregor.testkit;
