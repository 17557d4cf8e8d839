/**
 * The launcher that runs one Kafka node inside a child JVM on the broker's own class path. Never loaded by the
 * testkit's JVM: the testkit copies the class file next to the extracted broker libraries and forks it.
 */
package dev.gregor.testkit.internal.node;
