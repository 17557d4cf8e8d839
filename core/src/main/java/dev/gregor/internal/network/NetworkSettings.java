package dev.gregor.internal.network;

import java.time.Duration;

/**
 * How connections behave, taken from the client's configuration.
 *
 * @param clientId            sent in every request header, shows up in broker logs and quotas
 * @param connectTimeout      how long a TCP connect (plus version negotiation) may take
 * @param requestTimeout      how long to wait for any response
 * @param reconnectBackoff    the first wait before reconnecting to a broker that failed
 * @param reconnectBackoffMax the longest wait between reconnect attempts (the backoff doubles up to it)
 * @param maxResponseSize     the largest response frame accepted, so a corrupt length never allocates unboundedly
 * @param security            TLS and SASL for every connection
 */
public record NetworkSettings(String clientId, Duration connectTimeout, Duration requestTimeout,
                              Duration reconnectBackoff, Duration reconnectBackoffMax, int maxResponseSize,
                              SecuritySettings security) {
}
