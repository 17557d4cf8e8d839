package dev.gregor.spring.autoconfigure;

import java.util.List;

import dev.gregor.KafkaClient;
import dev.gregor.security.OAuthBearerTokenProvider;
import dev.gregor.security.SaslConfig;
import dev.gregor.security.SecurityProtocol;
import dev.gregor.security.TlsConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Builds a {@link KafkaClient} the way the auto-configuration does: endpoints from {@link GregorConnectionDetails},
 * settings from {@link GregorProperties} (security through Spring Boot SSL bundles), then the customizers. Public so
 * that an application can make a second client with the same defaults.
 */
public final class GregorClientConfigurer {

    private final GregorProperties properties;
    private final GregorConnectionDetails connectionDetails;
    private final @Nullable SslBundles sslBundles;
    private final @Nullable OAuthBearerTokenProvider tokenProvider;
    private final List<GregorClientCustomizer> customizers;

    /** A configurer from the given settings; {@code sslBundles} and {@code tokenProvider} may be absent. */
    public GregorClientConfigurer(GregorProperties properties, GregorConnectionDetails connectionDetails,
                                  @Nullable SslBundles sslBundles, @Nullable OAuthBearerTokenProvider tokenProvider,
                                  List<GregorClientCustomizer> customizers) {
        this.properties = properties;
        this.connectionDetails = connectionDetails;
        this.sslBundles = sslBundles;
        this.tokenProvider = tokenProvider;
        this.customizers = List.copyOf(customizers);
    }

    /**
     * A builder with everything applied.
     *
     * @throws InvalidGregorPropertyException if a {@code gregor.*} value is invalid (customizers' own errors pass
     *                                        through as they are)
     */
    public KafkaClient.Builder builder() {
        KafkaClient.Builder builder = BuilderProperties.CLIENT.build(this::fromProperties);
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder;
    }

    private KafkaClient.Builder fromProperties() {
        KafkaClient.Builder builder = KafkaClient.builder()
                .bootstrapServers(connectionDetails.getBootstrapServers())
                .clientId(properties.getClientId())
                .apiTimeout(properties.getApiTimeout())
                .metadataMaxAge(properties.getMetadataMaxAge())
                .autoCreateTopics(properties.isAutoCreateTopics());
        SecurityProtocol protocol = properties.getSecurity().getProtocol();
        builder.securityProtocol(protocol);
        if (protocol.usesTls()) {
            builder.tls(tls());
        }
        if (protocol.usesSasl()) {
            builder.sasl(sasl());
        }
        return builder;
    }

    private TlsConfig tls() {
        TlsConfig.Builder tls = TlsConfig.builder().hostnameVerification(properties.getSsl().isHostnameVerification());
        String bundleName = properties.getSsl().getBundle();
        if (bundleName != null) {
            SslBundle bundle = bundle(bundleName);
            tls.trustManagerFactory(bundle.getManagers().getTrustManagerFactory());
            if (bundle.getStores().getKeyStore() != null) {
                tls.keyManagerFactory(bundle.getManagers().getKeyManagerFactory());
            }
        }
        return tls.build();
    }

    private SslBundle bundle(String name) {
        String allowed = "the name of a bundle configured under spring.ssl.bundle.jks.* or spring.ssl.bundle.pem.*";
        String action = "Configure the bundle, e.g. spring.ssl.bundle.pem." + name + ".truststore.certificate, or"
                + " change gregor.ssl.bundle to one that is configured.";
        if (sslBundles == null) {
            throw new InvalidGregorPropertyException("gregor.ssl.bundle", name, allowed, action, null);
        }
        try {
            return sslBundles.getBundle(name);
        } catch (NoSuchSslBundleException e) {
            throw new InvalidGregorPropertyException("gregor.ssl.bundle", name, allowed, action, e);
        }
    }

    private SaslConfig sasl() {
        GregorProperties.Sasl sasl = properties.getSasl();
        if (sasl.getMechanism() == dev.gregor.security.SaslMechanism.OAUTHBEARER) {
            if (tokenProvider == null) {
                throw new InvalidGregorPropertyException("gregor.sasl.mechanism", sasl.getMechanism(),
                        "PLAIN, SCRAM_SHA_256 or SCRAM_SHA_512; OAUTHBEARER only with an OAuthBearerTokenProvider bean",
                        "Define an OAuthBearerTokenProvider bean that returns your tokens, or choose another"
                        + " gregor.sasl.mechanism.", null);
            }
            return SaslConfig.oauthBearer(tokenProvider);
        }
        return SaslConfig.withPassword(sasl.getMechanism(), sasl.getUsername(), sasl.getPassword());
    }
}
