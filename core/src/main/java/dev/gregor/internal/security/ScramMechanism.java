package dev.gregor.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.gregor.AuthenticationException;

/**
 * SASL/SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802, RFC 7677) without channel binding: client-first, client-final with
 * the proof, then the server's signature is verified, so a server that does not know the password is caught too.
 */
final class ScramMechanism implements SaslMechanismClient {

    /** The SCRAM hash functions Kafka supports. */
    enum Hash {
        SHA_256("SHA-256", "HmacSHA256"),
        SHA_512("SHA-512", "HmacSHA512");

        private final String digest;
        private final String hmac;

        Hash(String digest, String hmac) {
            this.digest = digest;
            this.hmac = hmac;
        }
    }

    private static final int MIN_ITERATIONS = 4096;
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private final Hash hash;
    private final String username;
    private final String password;
    private final String clientNonce;
    private byte[] expectedServerSignature;

    ScramMechanism(Hash hash, String username, String password) {
        this(hash, username, password, newNonce());
    }

    ScramMechanism(Hash hash, String username, String password, String clientNonce) {
        this.hash = hash;
        this.username = username;
        this.password = password;
        this.clientNonce = clientNonce;
    }

    @Override
    public byte[] firstMessage() {
        return ("n,," + clientFirstBare()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] reply(byte[] challenge) {
        String message = new String(challenge, StandardCharsets.UTF_8);
        if (expectedServerSignature == null) {
            return clientFinal(message).getBytes(StandardCharsets.UTF_8);
        }
        verifyServerFinal(message);
        return null;
    }

    @Override
    public String principal() {
        return "user '" + username + "'";
    }

    private String clientFirstBare() {
        return "n=" + saslName(username) + ",r=" + clientNonce;
    }

    private String clientFinal(String serverFirst) {
        Map<Character, String> attributes = attributes(serverFirst);
        String nonce = attributes.get('r');
        String salt = attributes.get('s');
        String iterationText = attributes.get('i');
        if (nonce == null || salt == null || iterationText == null || !nonce.startsWith(clientNonce)) {
            throw new AuthenticationException("The broker's SCRAM challenge is malformed or does not extend the client"
                    + " nonce: the broker is not speaking SCRAM correctly", null);
        }
        int iterations = Integer.parseInt(iterationText);
        if (iterations < MIN_ITERATIONS) {
            throw new AuthenticationException("The broker asked for " + iterations + " SCRAM iterations, fewer than the"
                    + " minimum of " + MIN_ITERATIONS + ": refusing a weakened exchange", null);
        }
        byte[] saltedPassword = hi(password.getBytes(StandardCharsets.UTF_8), BASE64_DECODER.decode(salt), iterations);
        String clientFinalWithoutProof = "c=biws,r=" + nonce;
        String authMessage = clientFirstBare() + "," + serverFirst + "," + clientFinalWithoutProof;
        byte[] clientKey = hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.UTF_8));
        byte[] storedKey = digest(clientKey);
        byte[] clientSignature = hmac(storedKey, authMessage.getBytes(StandardCharsets.UTF_8));
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        byte[] serverKey = hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.UTF_8));
        expectedServerSignature = hmac(serverKey, authMessage.getBytes(StandardCharsets.UTF_8));
        return clientFinalWithoutProof + ",p=" + BASE64.encodeToString(proof);
    }

    private void verifyServerFinal(String serverFinal) {
        Map<Character, String> attributes = attributes(serverFinal);
        if (attributes.containsKey('e')) {
            throw new AuthenticationException("The broker refused the SCRAM proof: " + attributes.get('e'), null);
        }
        String signature = attributes.get('v');
        if (signature == null || !MessageDigest.isEqual(BASE64_DECODER.decode(signature), expectedServerSignature)) {
            throw new AuthenticationException("The broker's SCRAM signature does not verify: it does not know this"
                    + " user's credentials, so it may not be the broker it claims to be", null);
        }
    }

    /** Hi() of RFC 5802: PBKDF2 with the hash's HMAC, one block. */
    byte[] hi(byte[] secret, byte[] salt, int iterations) {
        Mac mac = mac(secret);
        mac.update(salt);
        mac.update(new byte[] {0, 0, 0, 1});
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private byte[] hmac(byte[] key, byte[] data) {
        return mac(key).doFinal(data);
    }

    private Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(hash.hmac);
            mac.init(new SecretKeySpec(key, hash.hmac));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK lacks " + hash.hmac, e);
        }
    }

    private byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(hash.digest).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK lacks " + hash.digest, e);
        }
    }

    private static Map<Character, String> attributes(String message) {
        Map<Character, String> attributes = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                attributes.put(part.charAt(0), part.substring(2));
            }
        }
        return attributes;
    }

    private static String saslName(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
    }

    private static String newNonce() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
