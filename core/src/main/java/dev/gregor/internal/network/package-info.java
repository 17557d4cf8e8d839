/**
 * The connection layer: one Netty channel per broker, requests pipelined and matched to responses by correlation
 * id, version negotiation with ApiVersions, request timeouts, and reconnects with backoff.
 */
package dev.gregor.internal.network;
