package dev.gregor.internal.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gregor.InvalidConfigException;

/** Turns PEM files (certificates, an unencrypted PKCS#8 private key) into in-memory key stores. */
public final class PemKeyStores {

    private static final Pattern PRIVATE_KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private PemKeyStores() {
    }

    /** A store trusting every certificate in {@code pemFile}. */
    public static KeyStore trustStore(Path pemFile) {
        List<Certificate> certificates = certificates("trustCertificates", pemFile);
        try {
            KeyStore store = emptyStore();
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot build a key store", e);
        }
    }

    /** A store holding {@code privateKey} with its {@code certificateChain}, under {@code password}. */
    public static KeyStore keyStore(Path certificateChain, Path privateKey, String password) {
        List<Certificate> chain = certificates("keyPem certificate chain", certificateChain);
        PrivateKey key = privateKey(privateKey);
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry("client", key, password.toCharArray(), chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException e) {
            throw new InvalidConfigException("keyPem", privateKey, "a private key that belongs to the certificate ("
                    + e.getMessage() + ")");
        }
    }

    private static List<Certificate> certificates(String property, Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (read.isEmpty()) {
                throw new InvalidConfigException(property, pemFile, "a PEM file with at least one certificate");
            }
            return List.copyOf(read);
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidConfigException(property, pemFile, "a readable PEM file of X.509 certificates ("
                    + e.getMessage() + ")");
        }
    }

    private static PrivateKey privateKey(Path pemFile) {
        String text;
        try {
            text = Files.readString(pemFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidConfigException("keyPem private key", pemFile, "a readable PEM file");
        }
        Matcher matcher = PRIVATE_KEY.matcher(text);
        if (!matcher.find()) {
            throw new InvalidConfigException("keyPem private key", pemFile, "an unencrypted PKCS#8 key"
                    + " (-----BEGIN PRIVATE KEY-----); convert others with: openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "DSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next key algorithm
            }
        }
        throw new InvalidConfigException("keyPem private key", pemFile, "an RSA, EC, Ed25519 or DSA key");
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return store;
    }
}
