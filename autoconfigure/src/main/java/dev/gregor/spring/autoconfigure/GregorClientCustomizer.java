package dev.gregor.spring.autoconfigure;

import dev.gregor.KafkaClient;

/** Changes the {@link KafkaClient.Builder} of the auto-configured client; customizers run in {@code @Order}. */
@FunctionalInterface
public interface GregorClientCustomizer {

    /** Customizes {@code builder} before the client is built. */
    void customize(KafkaClient.Builder builder);
}
