package dev.gregor.spring.listener.internal;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.gregor.spring.listener.Acknowledgment;
import dev.gregor.spring.listener.TopicListener;
import dev.gregor.spring.listener.TopicListenerRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds {@link TopicListener} methods on beans as they are created, resolves their attributes (placeholders,
 * defaults) and registers them with the {@link TopicListenerRegistry}. The annotation itself stays plain metadata.
 */
public final class TopicListenerAnnotationProcessor implements BeanPostProcessor, BeanFactoryAware {

    private final ObjectProvider<TopicListenerRegistry> registry;
    private final @Nullable String defaultGroup;
    private @Nullable ConfigurableBeanFactory beanFactory;

    /** Registers into {@code registry}; listeners without a group get {@code defaultGroup} (may be null). */
    public TopicListenerAnnotationProcessor(ObjectProvider<TopicListenerRegistry> registry, @Nullable String defaultGroup) {
        this.registry = registry;
        this.defaultGroup = defaultGroup;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory instanceof ConfigurableBeanFactory configurable ? configurable : null;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = AopUtils.getTargetClass(bean);
        Map<Method, TopicListener> listeners = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<TopicListener>) method ->
                        AnnotatedElementUtils.findMergedAnnotation(method, TopicListener.class));
        listeners.forEach((method, annotation) -> registry.getObject().register(
                endpoint(bean, beanName, AopUtils.selectInvocableMethod(method, bean.getClass()), annotation)));
        return bean;
    }

    private ListenerEndpoint endpoint(Object bean, String beanName, Method method, TopicListener annotation) {
        String id = annotation.id().isEmpty() ? beanName + "#" + method.getName() : resolve(annotation.id());
        List<String> topics = Arrays.stream(annotation.topics()).map(this::resolve).filter(topic -> !topic.isBlank()).toList();
        String patternText = resolve(annotation.topicPattern()).trim();
        if (!topics.isEmpty() && !patternText.isEmpty()) {
            throw new IllegalStateException("@TopicListener " + id + " sets both topics " + topics + " and topicPattern '"
                    + patternText + "': set one of them (name the topics, or match them by the pattern)");
        }
        if (topics.isEmpty() && patternText.isEmpty()) {
            throw new IllegalStateException("@TopicListener " + id + " names no topic: set topics, or topicPattern");
        }
        Pattern pattern = patternText.isEmpty() ? null : compile(id, patternText);
        String group = annotation.group().isEmpty() ? defaultGroup : resolve(annotation.group());
        if (group == null && annotation.mode() == TopicListener.Mode.BALANCED) {
            group = id;
        }
        List<Integer> partitions = Arrays.stream(annotation.partitions()).map(this::resolve)
                .map(text -> Integer.parseInt(text.trim())).toList();
        if (!partitions.isEmpty() && annotation.mode() == TopicListener.Mode.BALANCED) {
            throw new IllegalStateException("@TopicListener " + id + ": partitions apply to SIMPLE mode only; a"
                    + " balanced group decides who reads which partition");
        }
        int concurrency = Integer.parseInt(resolve(annotation.concurrency()).trim());
        if (concurrency < 1) {
            throw new IllegalStateException("@TopicListener " + id + ": concurrency must be 1 or more, was " + concurrency);
        }
        if (pattern != null && annotation.mode() == TopicListener.Mode.SIMPLE && (concurrency > 1 || !partitions.isEmpty())) {
            throw new IllegalStateException("@TopicListener " + id + ": a SIMPLE listener over topicPattern reads every"
                    + " partition of every matching topic with one consumer, so it takes neither partitions nor a"
                    + " concurrency above 1; use mode = BALANCED to share the matching topics among consumers");
        }
        boolean autoStartup = Boolean.parseBoolean(resolve(annotation.autoStartup()).trim());
        String containerFactory = annotation.containerFactory().isEmpty() ? null : resolve(annotation.containerFactory());
        if (group == null && Arrays.asList(method.getParameterTypes()).contains(Acknowledgment.class)) {
            throw new IllegalStateException("@TopicListener " + id + " takes an Acknowledgment but has no consumer"
                    + " group to commit to: set group (or gregor.consumer.group), or drop the Acknowledgment");
        }
        boolean batch = ListenerMethods.isBatch(method, resolve(annotation.batch()).trim());
        String maxBatchText = resolve(annotation.maxBatchSize()).trim();
        Integer maxBatchSize = maxBatchText.isEmpty() ? null : Integer.parseInt(maxBatchText);
        if (maxBatchSize != null && (maxBatchSize < 1 || !batch)) {
            throw new IllegalStateException("@TopicListener " + id + ": maxBatchSize " + maxBatchSize + (batch
                    ? " must be 1 or more" : " applies to batch listeners only (a List first parameter, or batch = true)"));
        }
        ConsumerAttributes consumer = new ConsumerAttributes(id, annotation, this::resolve);
        return new ListenerEndpoint(id, bean, method, topics, pattern, group, annotation.mode(), annotation.coordinator(),
                partitions, concurrency, autoStartup, containerFactory, batch, maxBatchSize, consumer.settings(),
                consumer.initialOffsets(topics, partitions));
    }

    private static Pattern compile(String id, String pattern) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException("@TopicListener " + id + ": topicPattern '" + pattern + "' is not a regular"
                    + " expression: " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    private String resolve(String value) {
        String resolved = beanFactory == null ? value : beanFactory.resolveEmbeddedValue(value);
        return resolved == null ? value : resolved;
    }
}
