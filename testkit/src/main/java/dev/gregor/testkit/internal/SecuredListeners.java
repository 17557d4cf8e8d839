package dev.gregor.testkit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gregor.testkit.Listener;
import dev.gregor.testkit.TestCertificates;

/**
 * The extra client listeners of a secured test cluster: what each node's configuration needs for them (TLS stores,
 * the mTLS requirement, SASL mechanisms with PLAIN users in the JAAS configuration, OAUTHBEARER with Kafka's
 * unsecured validator, an optional re-authentication interval) and the SCRAM credentials written at format time.
 * The brokers keep talking to each other over PLAINTEXT.
 *
 * @param certificates     the cluster's certificates
 * @param users            SASL users and their passwords (PLAIN and both SCRAM mechanisms)
 * @param reauthentication {@code connections.max.reauth.ms}, or null for the broker's default (none)
 */
public record SecuredListeners(TestCertificates certificates, Map<String, String> users, Duration reauthentication) {

    private static final List<Listener> SECURED = List.of(Listener.SSL, Listener.MTLS, Listener.SASL_PLAINTEXT,
            Listener.SASL_SSL, Listener.SSL_OTHER_HOST);

    /** The listeners that get a port of their own on every broker. */
    public static List<Listener> listeners() {
        return SECURED;
    }

    /** Broker properties for these listeners; {@code ports} maps each of {@link #listeners()} to this node's port. */
    public Map<String, String> brokerProperties(Map<Listener, Integer> ports) {
        Map<String, String> properties = new LinkedHashMap<>();
        String password = certificates.storePassword();
        properties.putAll(keyStore("", certificates.brokerKeyStore(), password));
        properties.put("ssl.truststore.location", certificates.trustStore().toString());
        properties.put("ssl.truststore.password", password);
        properties.put("ssl.truststore.type", "PKCS12");
        properties.put("listener.name.mtls.ssl.client.auth", "required");
        properties.putAll(keyStore("listener.name.ssl_other_host.", certificates.otherHostKeyStore(), password));
        properties.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512,OAUTHBEARER");
        for (String listener : List.of("sasl_plaintext", "sasl_ssl")) {
            String prefix = "listener.name." + listener + ".";
            StringBuilder plainUsers = new StringBuilder();
            users.forEach((user, secret) -> plainUsers.append(" user_").append(user).append("=\"").append(secret).append('"'));
            properties.put(prefix + "plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required" + plainUsers + ";");
            properties.put(prefix + "scram-sha-256.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            properties.put(prefix + "scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            properties.put(prefix + "oauthbearer.sasl.jaas.config",
                    "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required"
                            + " unsecuredLoginStringClaim_sub=\"broker\";");
        }
        if (reauthentication != null) {
            properties.put("connections.max.reauth.ms", Long.toString(reauthentication.toMillis()));
        }
        return properties;
    }

    /** {@code kafka-storage format} arguments creating every user's SCRAM credentials. */
    public List<String> formatArguments() {
        List<String> arguments = new ArrayList<>();
        users.forEach((user, secret) -> {
            for (String mechanism : List.of("SCRAM-SHA-256", "SCRAM-SHA-512")) {
                arguments.add("--add-scram");
                arguments.add(mechanism + "=[name=" + user + ",password=" + secret + "]");
            }
        });
        return arguments;
    }

    private static Map<String, String> keyStore(String prefix, java.nio.file.Path store, String password) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(prefix + "ssl.keystore.location", store.toString());
        properties.put(prefix + "ssl.keystore.password", password);
        properties.put(prefix + "ssl.keystore.type", "PKCS12");
        properties.put(prefix + "ssl.key.password", password);
        return properties;
    }
}
