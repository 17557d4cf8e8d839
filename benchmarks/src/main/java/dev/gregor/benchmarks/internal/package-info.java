/** Drivers, measurement and reporting of the benchmark harness. */
package dev.gregor.benchmarks.internal;
