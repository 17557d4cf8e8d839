package dev.gregor.internal.security;

import javax.net.ssl.SSLException;

import dev.gregor.InvalidConfigException;
import dev.gregor.security.TlsConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/** Builds the Netty client TLS context of a {@link TlsConfig}, on the JDK's TLS engine. */
public final class TlsContexts {

    private TlsContexts() {
    }

    /** One context per client; every connection gets its own engine from it. */
    public static SslContext clientContext(TlsConfig config) {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .protocols(config.protocols())
                .endpointIdentificationAlgorithm(config.hostnameVerification() ? "HTTPS" : null);
        config.trustManagerFactory().ifPresent(builder::trustManager);
        config.keyManagerFactory().ifPresent(builder::keyManager);
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new InvalidConfigException("tls", config, "settings the JDK's TLS engine accepts (" + e.getMessage() + ")");
        }
    }
}
