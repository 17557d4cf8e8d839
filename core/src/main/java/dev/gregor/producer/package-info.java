/**
 * Producing to a topic: {@link dev.gregor.producer.Producer} (async and batched, or sync), its configuration,
 * delivery reports, and partitioners that choose where each record goes.
 */
package dev.gregor.producer;
