package dev.gregor.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.gregor.KafkaException;
import dev.gregor.TopicExistsException;
import dev.gregor.UnknownTopicException;
import dev.gregor.admin.Admin;
import dev.gregor.admin.ConfigEntry;
import dev.gregor.admin.TopicDescription;
import dev.gregor.admin.TopicSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Makes the topics the application declares as {@link TopicSpec} beans exist before any listener starts: a missing
 * one is created as declared; an existing one is left as it is, with a warning where it has fewer partitions, another
 * replication factor or other values of the declared configs. A topic that cannot be created fails the startup,
 * naming the bean and the brokers' reason.
 */
final class DeclaredTopics implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DeclaredTopics.class);

    private final ListableBeanFactory beans;
    private final Admin admin;

    DeclaredTopics(ListableBeanFactory beans, Admin admin) {
        this.beans = beans;
        this.admin = admin;
    }

    @Override
    public void afterSingletonsInstantiated() {
        byTopic(beans.getBeansOfType(TopicSpec.class)).forEach(this::declare);
    }

    /** The declared specs by topic name, each with its bean's name; two different specs of one topic are refused. */
    private static Map<String, Declared> byTopic(Map<String, TopicSpec> specs) {
        Map<String, Declared> byTopic = new LinkedHashMap<>();
        specs.forEach((bean, spec) -> {
            Declared earlier = byTopic.putIfAbsent(spec.name(), new Declared(bean, spec));
            if (earlier != null && !earlier.spec().equals(spec)) {
                throw new IllegalStateException("Beans '" + earlier.bean() + "' and '" + bean + "' declare topic '"
                        + spec.name() + "' differently (" + earlier.spec() + " and " + spec + "): keep one of them");
            }
        });
        return byTopic;
    }

    private void declare(String topic, Declared declared) {
        try {
            Optional<TopicDescription> existing = describe(topic);
            if (existing.isPresent()) {
                check(declared, existing.get());
                return;
            }
            admin.createTopic(declared.spec());
            log.info("Created topic '{}' as bean '{}' declares it", topic, declared.bean());
        } catch (TopicExistsException createdMeanwhile) {
            describe(topic).ifPresent(description -> check(declared, description));
        } catch (KafkaException failure) {
            throw new IllegalStateException("Topic '" + topic + "' declared by bean '" + declared.bean()
                    + "' could not be made ready: " + failure.getMessage(), failure);
        }
    }

    private Optional<TopicDescription> describe(String topic) {
        try {
            return Optional.of(admin.describeTopic(topic));
        } catch (UnknownTopicException missing) {
            return Optional.empty();
        }
    }

    private static void check(Declared declared, TopicDescription existing) {
        TopicSpec spec = declared.spec();
        int partitions = existing.partitions().size();
        if (spec.partitions() != TopicSpec.BROKER_DEFAULT && partitions < spec.partitions()) {
            log.warn("Topic '{}' has {} partitions, fewer than the {} bean '{}' declares; Kafka leaves it as it is."
                    + " To grow it: client.admin().addPartitions(\"{}\", {}) (keys then map to other partitions)",
                    spec.name(), partitions, spec.partitions(), declared.bean(), spec.name(), spec.partitions());
        }
        int replicas = existing.partitions().isEmpty() ? 0 : existing.partitions().get(0).replicas().size();
        if (spec.replicationFactor() != TopicSpec.BROKER_DEFAULT && replicas != spec.replicationFactor()) {
            log.warn("Topic '{}' has {} replicas per partition, bean '{}' declares {}; Kafka leaves it as it is",
                    spec.name(), replicas, declared.bean(), spec.replicationFactor());
        }
        spec.configs().forEach((name, value) -> {
            Optional<String> actual = existing.configs().stream().filter(entry -> entry.name().equals(name))
                    .findFirst().flatMap(ConfigEntry::value);
            if (!actual.equals(Optional.of(value))) {
                log.warn("Topic '{}' has {}={}, bean '{}' declares {}; left as it is (change it with"
                        + " client.admin().alterConfig)", spec.name(), name, actual.orElse("(none)"), declared.bean(),
                        value);
            }
        });
    }

    private record Declared(String bean, TopicSpec spec) {
    }
}
