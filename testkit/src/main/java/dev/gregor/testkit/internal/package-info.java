/**
 * How the testkit runs its parts: the extracted broker class path, one child JVM per Kafka node, the in-process
 * ZooKeeper server, free ports and temporary directories. May change at any time.
 */
package dev.gregor.testkit.internal;
