package dev.gregor.backend.kafkaclients.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import dev.gregor.security.TlsConfig;
import org.apache.kafka.common.security.auth.SslEngineFactory;

/**
 * Gives kafka-clients' connections the TLS engines of a Gregor {@link TlsConfig} (handed over as a configuration
 * object under {@link #TLS_CONFIG}), so that trust and key material from stores, PEM files or Spring SSL bundles work
 * the same on both backends, with the same host name verification and protocol versions. Client side only.
 */
public final class GregorSslEngineFactory implements SslEngineFactory {

    /** The configuration key carrying the {@link TlsConfig} object. */
    public static final String TLS_CONFIG = "gregor.tls.config";

    private SSLContext context;
    private TlsConfig tls;

    @Override
    public void configure(Map<String, ?> configs) {
        tls = (TlsConfig) configs.get(TLS_CONFIG);
        try {
            context = SSLContext.getInstance("TLS");
            context.init(tls.keyManagerFactory().map(factory -> factory.getKeyManagers()).orElse(null),
                    tls.trustManagerFactory().map(factory -> factory.getTrustManagers()).orElse(null), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot make a TLS context for " + tls, e);
        }
    }

    @Override
    public SSLEngine createClientSslEngine(String peerHost, int peerPort, String endpointIdentification) {
        SSLEngine engine = context.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(tls.hostnameVerification() ? "HTTPS" : null);
        parameters.setProtocols(tls.protocols().toArray(String[]::new));
        engine.setSSLParameters(parameters);
        return engine;
    }

    @Override
    public SSLEngine createServerSslEngine(String peerHost, int peerPort) {
        throw new UnsupportedOperationException("Gregor's TLS settings are for clients only");
    }

    @Override
    public boolean shouldBeRebuilt(Map<String, Object> nextConfigs) {
        return false;
    }

    @Override
    public Set<String> reconfigurableConfigs() {
        return Set.of();
    }

    @Override
    public KeyStore keystore() {
        return null;
    }

    @Override
    public KeyStore truststore() {
        return null;
    }

    @Override
    public void close() {
        context = null;
    }
}
