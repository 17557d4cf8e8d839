/** The benchmark harness: Gregor (both backends) against kafka-clients on a real testkit broker. */
package dev.gregor.benchmarks;
