/**
 * The consumers' machinery: the fetch pipeline (one fetch in flight per broker, bounded prefetch per partition,
 * lazy decoding in the consuming thread).
 */
package dev.gregor.internal.consumer;
