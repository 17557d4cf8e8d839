package dev.gregor.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import dev.gregor.InvalidConfigException;
import dev.gregor.internal.security.PemKeyStores;

/**
 * TLS settings: whom to trust (the JDK's default CAs unless set), the client's own certificate for mutual TLS, host
 * name verification (on unless explicitly turned off) and the protocol versions (TLSv1.3 and TLSv1.2 only). Stores
 * and PEM files are read when {@link Builder#build()} runs, so a wrong path or password fails there, clearly; no
 * password is kept.
 */
public final class TlsConfig {

    private static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    private final TrustManagerFactory trustManagerFactory;
    private final KeyManagerFactory keyManagerFactory;
    private final boolean hostnameVerification;
    private final List<String> protocols;

    private TlsConfig(Builder builder) {
        this.trustManagerFactory = builder.trustManagerFactory;
        this.keyManagerFactory = builder.keyManagerFactory;
        this.hostnameVerification = builder.hostnameVerification;
        this.protocols = builder.protocols;
    }

    /** A builder starting from the defaults: JDK trust, no client certificate, host names verified. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whom to trust; empty for the JDK's default CAs. */
    public Optional<TrustManagerFactory> trustManagerFactory() {
        return Optional.ofNullable(trustManagerFactory);
    }

    /** The client's certificate and key for mutual TLS; empty when the client shows none. */
    public Optional<KeyManagerFactory> keyManagerFactory() {
        return Optional.ofNullable(keyManagerFactory);
    }

    /** Whether the broker's certificate must match the host name connected to. */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** The TLS protocol versions offered. */
    public List<String> protocols() {
        return protocols;
    }

    @Override
    public String toString() {
        return "TlsConfig[trust=" + (trustManagerFactory == null ? "JDK default" : "configured")
                + ", clientCertificate=" + (keyManagerFactory != null) + ", hostnameVerification=" + hostnameVerification
                + ", protocols=" + protocols + "]";
    }

    /** Builds a {@link TlsConfig}; each setter checks its input and names the problem. */
    public static final class Builder {

        private TrustManagerFactory trustManagerFactory;
        private KeyManagerFactory keyManagerFactory;
        private boolean hostnameVerification = true;
        private List<String> protocols = List.of("TLSv1.3", "TLSv1.2");

        private Builder() {
        }

        /** Trusts the certificates in a PKCS12 or JKS store (the type is detected). */
        public Builder trustStore(Path path, String password) {
            KeyStore store = load("trustStore", path, password);
            return trustManagerFactory(trustFactory(store));
        }

        /** Trusts the CA certificates in a PEM file. */
        public Builder trustCertificates(Path pemFile) {
            return trustManagerFactory(trustFactory(PemKeyStores.trustStore(pemFile)));
        }

        /** Trusts what {@code factory} trusts (for example a Spring Boot SSL bundle's). */
        public Builder trustManagerFactory(TrustManagerFactory factory) {
            this.trustManagerFactory = java.util.Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** Shows the certificate and key in a PKCS12 or JKS store (mutual TLS); the key has the store's password. */
        public Builder keyStore(Path path, String password) {
            KeyStore store = load("keyStore", path, password);
            return keyManagerFactory(keyFactory(store, password));
        }

        /** Shows the certificate chain and PKCS#8 private key of two PEM files (mutual TLS); the key unencrypted. */
        public Builder keyPem(Path certificateChain, Path privateKey) {
            String transientPassword = Long.toHexString(new java.security.SecureRandom().nextLong());
            return keyManagerFactory(keyFactory(PemKeyStores.keyStore(certificateChain, privateKey, transientPassword),
                    transientPassword));
        }

        /** Shows what {@code factory} holds (for example a Spring Boot SSL bundle's key material). */
        public Builder keyManagerFactory(KeyManagerFactory factory) {
            this.keyManagerFactory = java.util.Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Whether the broker's certificate must match the host name connected to. Default true. Turning it off lets
         * anyone with a certificate from a trusted CA pose as the broker: do it only for a test cluster.
         */
        public Builder hostnameVerification(boolean enabled) {
            this.hostnameVerification = enabled;
            return this;
        }

        /** The protocol versions to offer: {@code TLSv1.3} and/or {@code TLSv1.2}. Default both. */
        public Builder protocols(String... versions) {
            if (versions.length == 0 || !ALLOWED_PROTOCOLS.containsAll(List.of(versions))) {
                throw new InvalidConfigException("tls protocols", List.of(versions), "TLSv1.3 and/or TLSv1.2");
            }
            this.protocols = List.of(versions);
            return this;
        }

        /** The settings. */
        public TlsConfig build() {
            return new TlsConfig(this);
        }

        private static KeyStore load(String property, Path path, String password) {
            if (path == null || !Files.isReadable(path)) {
                throw new InvalidConfigException(property, path, "a readable PKCS12 or JKS file");
            }
            try (InputStream in = Files.newInputStream(path)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, password == null ? null : password.toCharArray());
                return store;
            } catch (IOException | GeneralSecurityException e) {
                throw new InvalidConfigException(property, path, "a PKCS12 or JKS store that opens with the given"
                        + " password (" + e.getMessage() + ")");
            }
        }

        private static TrustManagerFactory trustFactory(KeyStore store) {
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                return factory;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The JDK cannot build a trust manager", e);
            }
        }

        private static KeyManagerFactory keyFactory(KeyStore store, String password) {
            try {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, password == null ? new char[0] : password.toCharArray());
                return factory;
            } catch (GeneralSecurityException e) {
                throw new InvalidConfigException("keyStore", "(key)", "a private key protected by the store's password ("
                        + e.getMessage() + ")");
            }
        }
    }
}
