package dev.gregor.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority and the certificates a secured test cluster needs, made at test time and written
 * to a directory: the brokers' certificate (valid for {@code 127.0.0.1} and {@code localhost}), one for another host
 * name, and a client certificate for mutual TLS; as PKCS12 stores and as PEM files. Never use them outside tests.
 */
public final class TestCertificates {

    private static final String PASSWORD = "testkit-store-secret";
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final Path directory;

    private TestCertificates(Path directory) {
        this.directory = directory;
    }

    /** Makes a new CA and its certificates in {@code directory}. */
    public static TestCertificates create(Path directory) {
        try {
            Files.createDirectories(directory);
            KeyPair ca = keyPair();
            X500Name caName = new X500Name("CN=Gregor testkit CA");
            X509Certificate caCertificate = sign(caName, ca.getPublic(), caName, true, null, ca.getPrivate());
            TestCertificates certificates = new TestCertificates(directory);
            certificates.writePem(certificates.caPem(), caCertificate);
            certificates.writeTrustStore(caCertificate);
            certificates.writeKeyStore(certificates.brokerKeyStore(), "CN=localhost", ca, caName, caCertificate,
                    new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")}), null, null);
            certificates.writeKeyStore(certificates.otherHostKeyStore(), "CN=other-host.invalid", ca, caName, caCertificate,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "other-host.invalid")), null, null);
            certificates.writeKeyStore(certificates.clientKeyStore(), "CN=gregor-client", ca, caName, caCertificate,
                    null, certificates.clientCertificatePem(), certificates.clientKeyPem());
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write test certificates to " + directory, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Could not make test certificates", e);
        }
    }

    /** The password of every store written here. */
    public String storePassword() {
        return PASSWORD;
    }

    /** The CA certificate as PEM: trust it to trust the brokers. */
    public Path caPem() {
        return directory.resolve("ca.pem");
    }

    /** A PKCS12 trust store holding the CA certificate. */
    public Path trustStore() {
        return directory.resolve("truststore.p12");
    }

    /** The brokers' PKCS12 key store (certificate for 127.0.0.1 and localhost). */
    public Path brokerKeyStore() {
        return directory.resolve("broker.p12");
    }

    /** A PKCS12 key store with a certificate for {@code other-host.invalid} only. */
    public Path otherHostKeyStore() {
        return directory.resolve("other-host.p12");
    }

    /** The client's PKCS12 key store for mutual TLS. */
    public Path clientKeyStore() {
        return directory.resolve("client.p12");
    }

    /** The client's certificate chain as PEM. */
    public Path clientCertificatePem() {
        return directory.resolve("client-chain.pem");
    }

    /** The client's private key as unencrypted PKCS#8 PEM. */
    public Path clientKeyPem() {
        return directory.resolve("client-key.pem");
    }

    private void writeTrustStore(X509Certificate caCertificate) throws IOException, GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setCertificateEntry("ca", caCertificate);
        save(store, trustStore());
    }

    private void writeKeyStore(Path file, String subject, KeyPair ca, X500Name caName, X509Certificate caCertificate,
                               GeneralNames names, Path chainPem, Path keyPem)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPair keys = keyPair();
        X509Certificate certificate = sign(new X500Name(subject), keys.getPublic(), caName, false, names, ca.getPrivate());
        KeyStore store = emptyStore();
        Certificate[] chain = {certificate, caCertificate};
        store.setKeyEntry("key", keys.getPrivate(), PASSWORD.toCharArray(), chain);
        save(store, file);
        if (chainPem != null) {
            writePem(chainPem, certificate, caCertificate);
            writePem(keyPem, keys.getPrivate());
        }
    }

    private static X509Certificate sign(X500Name subject, PublicKey subjectKey, X500Name issuer, boolean authority,
                                        GeneralNames names, PrivateKey signingKey)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), subject, subjectKey);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
        builder.addExtension(Extension.keyUsage, true, authority
                ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        if (names != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, names);
        }
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static void save(KeyStore store, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
    }

    private void writePem(Path file, Object... objects) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                pem.writeObject(object instanceof PrivateKey key
                        ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null) : object);
            }
        }
    }
}
