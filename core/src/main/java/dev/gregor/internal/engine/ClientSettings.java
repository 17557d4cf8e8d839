package dev.gregor.internal.engine;

import dev.gregor.security.SaslConfig;
import dev.gregor.security.SecurityProtocol;
import dev.gregor.security.TlsConfig;

/**
 * Where a client connects and how, as its user configured it.
 *
 * @param bootstrapServers the bootstrap list, {@code host:port,...}
 * @param clientId         the client id
 * @param securityProtocol the security protocol
 * @param tls              the TLS settings, or null (JDK defaults when TLS is used)
 * @param sasl             the SASL credentials, or null
 */
public record ClientSettings(String bootstrapServers, String clientId, SecurityProtocol securityProtocol, TlsConfig tls,
                             SaslConfig sasl) {
}
