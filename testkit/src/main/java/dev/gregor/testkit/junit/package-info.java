/**
 * JUnit Jupiter support: {@link dev.gregor.testkit.junit.KafkaCluster} on a test class injects a running
 * {@link dev.gregor.testkit.EmbeddedKafkaCluster}, shared by every test class that asks for the same shape.
 */
package dev.gregor.testkit.junit;
