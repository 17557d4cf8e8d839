package dev.gregor.testkit.junit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.gregor.testkit.EmbeddedKafkaCluster;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Resolves {@link EmbeddedKafkaCluster} parameters for classes annotated with {@link KafkaCluster}. Shared clusters
 * live in the root extension store, keyed by their shape, and are closed when the test run ends; isolated ones live
 * in the test class's store and are closed after the class.
 */
public final class KafkaClusterExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaClusterExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        KafkaCluster annotation = AnnotationSupport.findAnnotation(testClass, KafkaCluster.class, enclosingInstances(context))
                .orElseThrow(() -> new ExtensionConfigurationException(
                        testClass.getName() + " needs @KafkaCluster to receive an EmbeddedKafkaCluster"));
        ClusterShape shape = ClusterShape.of(annotation);
        if (annotation.isolated()) {
            ExtensionContext classContext = classContext(context);
            return classContext.getStore(NAMESPACE).computeIfAbsent(
                    List.of("isolated", classContext.getUniqueId()), key -> shape.start(), EmbeddedKafkaCluster.class);
        }
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(shape, key -> shape.start(), EmbeddedKafkaCluster.class);
    }

    private static List<Class<?>> enclosingInstances(ExtensionContext context) {
        return context.getEnclosingTestClasses();
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** What makes two requested clusters interchangeable. */
    private record ClusterShape(int brokers, boolean zookeeper, Map<String, String> brokerProperties, boolean secured,
                                long reauthenticationMs, boolean faultProxies) {

        static ClusterShape of(KafkaCluster annotation) {
            Map<String, String> properties = new TreeMap<>();
            for (String property : annotation.brokerProperties()) {
                int equals = property.indexOf('=');
                if (equals <= 0) {
                    throw new ExtensionConfigurationException(
                            "@KafkaCluster brokerProperties entries must look like name=value, got '" + property + "'");
                }
                properties.put(property.substring(0, equals).trim(), property.substring(equals + 1).trim());
            }
            return new ClusterShape(annotation.brokers(), annotation.zookeeper(), Map.copyOf(properties),
                    annotation.secured(), annotation.reauthenticationMs(), annotation.faultProxies());
        }

        EmbeddedKafkaCluster start() {
            EmbeddedKafkaCluster.Builder builder = EmbeddedKafkaCluster.builder().brokers(brokers).zookeeper(zookeeper);
            brokerProperties.forEach(builder::brokerProperty);
            if (secured) {
                builder.secured();
            }
            if (faultProxies) {
                builder.faultProxies();
            }
            if (reauthenticationMs > 0) {
                builder.reauthentication(java.time.Duration.ofMillis(reauthenticationMs));
            }
            return builder.start();
        }
    }
}
