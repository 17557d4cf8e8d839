package dev.gregor.backend.kafkaclients.internal;

import java.util.Properties;

import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.OffsetReset;
import dev.gregor.internal.engine.ClientSettings;
import dev.gregor.producer.Acks;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.security.SaslConfig;
import dev.gregor.security.SaslMechanism;

/** Translates a Gregor client's, producer's and consumer's settings into kafka-clients properties, in one place. */
final class KafkaClientsSettings {

    private KafkaClientsSettings() {
    }

    /**
     * Producer properties of the engine called {@code engine}. Batches are of {@code batchSize}: kafka-clients splits
     * a batch a topic with a smaller {@code max.message.bytes} refuses.
     */
    static Properties producer(ClientSettings client, String engine, ProducerConfig config) {
        Properties properties = common(client, "-producer-" + engine);
        properties.put("acks", config.acks() == Acks.ALL ? "all" : config.acks() == Acks.LEADER ? "1" : "0");
        properties.put("linger.ms", Long.toString(config.linger().toMillis()));
        properties.put("batch.size", Integer.toString(config.batchSize()));
        properties.put("compression.type", config.compression().name().toLowerCase());
        properties.put("enable.idempotence", Boolean.toString(config.idempotence()));
        // kafka-clients wants delivery.timeout.ms >= linger.ms + request.timeout.ms: fit the request timeout in.
        long delivery = Math.max(config.deliveryTimeout().toMillis(), config.linger().toMillis() + 1);
        properties.put("delivery.timeout.ms", Long.toString(delivery));
        properties.put("request.timeout.ms", Long.toString(Math.min(30_000, delivery - config.linger().toMillis())));
        properties.put("retry.backoff.ms", Long.toString(config.retryBackoff().toMillis()));
        properties.put("max.request.size", Integer.toString(config.maxRequestSize()));
        properties.put("max.block.ms", Long.toString(config.maxBlock().toMillis()));
        return properties;
    }

    /**
     * Consumer properties: manual assignment, no group (Gregor commits), the reset policy as configured, and last the
     * configuration's own kafka-clients properties.
     */
    static Properties consumer(ClientSettings client, String name, ConsumerConfig config) {
        Properties properties = common(client, "-" + name);
        properties.put("enable.auto.commit", "false");
        // Its metadata requests would otherwise create a deleted topic again (with the broker's default partitions).
        properties.put("allow.auto.create.topics", "false");
        properties.put("auto.offset.reset", config.autoOffsetReset() == OffsetReset.NONE ? "none"
                : config.autoOffsetReset().name().toLowerCase());
        properties.put("fetch.min.bytes", Integer.toString(config.fetchMinBytes()));
        properties.put("fetch.max.wait.ms", Long.toString(config.fetchMaxWait().toMillis()));
        properties.put("fetch.max.bytes", Integer.toString(config.fetchMaxBytes()));
        properties.put("max.partition.fetch.bytes", Integer.toString(config.maxPartitionFetchBytes()));
        properties.put("isolation.level", config.isolationLevel().name().toLowerCase());
        properties.put("check.crcs", Boolean.toString(config.checkCrcs()));
        properties.put("max.poll.records", "2000");
        properties.putAll(config.kafkaClientsProperties());
        return properties;
    }

    private static Properties common(ClientSettings client, String suffix) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", client.bootstrapServers());
        properties.put("client.id", client.clientId() + suffix);
        properties.put("security.protocol", client.securityProtocol().name());
        if (client.tls() != null) {
            properties.put("ssl.engine.factory.class", GregorSslEngineFactory.class);
            properties.put(GregorSslEngineFactory.TLS_CONFIG, client.tls());
        }
        SaslConfig sasl = client.sasl();
        if (sasl != null) {
            properties.put("sasl.mechanism", sasl.mechanism().wireName());
            if (sasl.mechanism() == SaslMechanism.OAUTHBEARER) {
                properties.put("sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;");
                properties.put("sasl.login.callback.handler.class", GregorOAuthBearerLoginHandler.class);
                properties.put(GregorOAuthBearerLoginHandler.TOKEN_PROVIDER, sasl.tokenProvider().orElseThrow());
            } else {
                String module = sasl.mechanism() == SaslMechanism.PLAIN
                        ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                        : "org.apache.kafka.common.security.scram.ScramLoginModule";
                properties.put("sasl.jaas.config", module + " required username=\"" + jaasQuoted(sasl.username().orElseThrow())
                        + "\" password=\"" + jaasQuoted(sasl.password().orElseThrow()) + "\";");
            }
        }
        return properties;
    }

    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
