/**
 * Throwaway Kafka clusters for tests and demos: {@link dev.gregor.testkit.EmbeddedKafkaCluster} starts real Kafka
 * brokers (KRaft, each in its own JVM) and optionally a ZooKeeper server, all on 127.0.0.1 and free ports;
 * {@link dev.gregor.testkit.FaultProxy} stands in front of each broker of a cluster built with
 * {@code faultProxies()} and injects network and per-API faults.
 */
package dev.gregor.testkit;
