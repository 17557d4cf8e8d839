/**
 * The client's running totals behind {@link dev.gregor.ClientMetrics}, written by the network, producer, consumer
 * and group layers; below all of them, it depends on none.
 */
package dev.gregor.internal.metrics;
