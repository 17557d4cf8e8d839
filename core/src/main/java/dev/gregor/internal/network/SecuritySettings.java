package dev.gregor.internal.network;

import dev.gregor.security.SaslConfig;
import dev.gregor.security.SecurityProtocol;
import io.netty.handler.ssl.SslContext;

/**
 * How every connection of a client is secured.
 *
 * @param protocol   the security protocol
 * @param tlsContext the TLS context, or null without TLS
 * @param sasl       the SASL credentials, or null without SASL
 */
public record SecuritySettings(SecurityProtocol protocol, SslContext tlsContext, SaslConfig sasl) {

    /** Plain TCP, no authentication. */
    public static final SecuritySettings PLAINTEXT = new SecuritySettings(SecurityProtocol.PLAINTEXT, null, null);
}
