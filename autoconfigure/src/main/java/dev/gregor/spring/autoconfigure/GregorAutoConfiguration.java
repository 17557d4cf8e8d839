package dev.gregor.spring.autoconfigure;

import dev.gregor.KafkaClient;
import dev.gregor.admin.Admin;
import dev.gregor.producer.Acks;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.security.OAuthBearerTokenProvider;
import dev.gregor.spring.core.DeliveryListener;
import dev.gregor.spring.core.RequestReplyTemplate;
import dev.gregor.spring.core.SendObserver;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.spring.core.ValueDeserializer;
import dev.gregor.spring.core.ValueSerializer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Gregor client and templates: a {@link KafkaClient} built from {@code gregor.*} properties and the
 * {@link GregorConnectionDetails} (closed on shutdown), a {@link TopicTemplate} and a {@link RequestReplyTemplate}
 * (which starts nothing until its first request), the client's {@link Admin}, and the topics the application
 * declares as {@link dev.gregor.admin.TopicSpec} beans, created at startup where missing. Every bean but the
 * declarations backs off when the application defines its own.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(KafkaClient.class)
@EnableConfigurationProperties(GregorProperties.class)
public final class GregorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(GregorConnectionDetails.class)
    PropertiesGregorConnectionDetails gregorConnectionDetails(GregorProperties properties) {
        return new PropertiesGregorConnectionDetails(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    GregorClientConfigurer gregorClientConfigurer(GregorProperties properties, GregorConnectionDetails connectionDetails,
                                                  ObjectProvider<SslBundles> sslBundles,
                                                  ObjectProvider<OAuthBearerTokenProvider> tokenProvider,
                                                  ObjectProvider<GregorClientCustomizer> customizers) {
        return new GregorClientConfigurer(properties, connectionDetails, sslBundles.getIfAvailable(),
                tokenProvider.getIfAvailable(), customizers.orderedStream().toList());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KafkaClient gregorKafkaClient(GregorClientConfigurer configurer) {
        return configurer.builder().build();
    }

    @Bean
    @ConditionalOnMissingBean
    Admin gregorAdmin(KafkaClient client) {
        return client.admin();
    }

    @Bean
    DeclaredTopics gregorDeclaredTopics(ListableBeanFactory beans, Admin admin) {
        return new DeclaredTopics(beans, admin);
    }

    @Bean
    @ConditionalOnMissingBean
    ValueSerializer gregorValueSerializer(ObjectProvider<JsonMapper> jsonMapper) {
        return new ValueSerializer(jsonMapper.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    TopicTemplate topicTemplate(KafkaClient client, GregorProperties properties, ValueSerializer serializer,
                                ObjectProvider<DeliveryListener> listeners, ObjectProvider<SendObserver> sendObserver) {
        return new TopicTemplate(client, producerConfig(properties.getProducer()), serializer,
                listeners.orderedStream().toList(), properties.getApiTimeout(),
                InvalidGregorPropertyException.nonNegative(properties.getProducer().getCloseTimeout(),
                        "gregor.producer.close-timeout"), sendObserver.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    RequestReplyTemplate requestReplyTemplate(KafkaClient client, TopicTemplate template, GregorProperties properties,
                                              ObjectProvider<JsonMapper> jsonMapper) {
        GregorProperties.Template settings = properties.getTemplate();
        String replyTopic = settings.getReplyTopic() != null ? settings.getReplyTopic()
                : properties.getClientId() + ".replies";
        if (replyTopic.isBlank()) {
            throw new InvalidGregorPropertyException("gregor.template.reply-topic", replyTopic, "a topic name",
                    "Set gregor.template.reply-topic to the topic replies should come back on, or remove it for"
                    + " \"<client-id>.replies\".", null);
        }
        return new RequestReplyTemplate(client, template, new ValueDeserializer(jsonMapper.getIfAvailable()),
                replyTopic, InvalidGregorPropertyException.positive(settings.getReplyTimeout(),
                        "gregor.template.reply-timeout"));
    }

    private static ProducerConfig producerConfig(GregorProperties.Producer producer) {
        boolean idempotence = idempotence(producer);
        return BuilderProperties.PRODUCER.build(() -> ProducerConfig.builder()
                .linger(producer.getLinger())
                .batchSize(producer.getBatchSize())
                .maxQueuedRecords(producer.getMaxQueuedRecords())
                .compression(producer.getCompression())
                .acks(producer.getAcks())
                .idempotence(idempotence)
                .backend(producer.getBackend())
                .build());
    }

    /** Idempotence as set, or else on exactly when acks=ALL allows it. */
    private static boolean idempotence(GregorProperties.Producer producer) {
        Boolean set = producer.getIdempotence();
        if (set == null) {
            return producer.getAcks() == Acks.ALL;
        }
        if (set && producer.getAcks() != Acks.ALL) {
            throw new InvalidGregorPropertyException("gregor.producer.acks", producer.getAcks(),
                    "ALL while gregor.producer.idempotence is true", "Set gregor.producer.acks=ALL to keep idempotence,"
                    + " or set gregor.producer.idempotence=false (or remove it) to accept that a retried batch may be"
                    + " written twice.", null);
        }
        return set;
    }
}
