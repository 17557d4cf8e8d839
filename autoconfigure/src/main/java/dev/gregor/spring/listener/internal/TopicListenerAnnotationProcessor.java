package dev.gregor.spring.listener.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.gregor.spring.listener.Acknowledgment;
import dev.gregor.spring.listener.ConsumerSettings;
import dev.gregor.spring.listener.DeadLetterTopicResolver;
import dev.gregor.spring.listener.DltHandler;
import dev.gregor.spring.listener.SendTo;
import dev.gregor.spring.listener.SeekAware;
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
 * Finds {@link TopicListener} methods (and a {@link DltHandler} method) on beans as they are created, resolves their
 * attributes (placeholders, defaults) and registers them with the {@link TopicListenerRegistry}. The annotation itself stays plain metadata.
 */
public final class TopicListenerAnnotationProcessor implements BeanPostProcessor, BeanFactoryAware {

    private static final int DEFAULT_PARALLELISM = 256;

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
        List<ListenerEndpoint> endpoints = new ArrayList<>();
        listeners.forEach((method, annotation) -> endpoints.add(
                endpoint(bean, beanName, AopUtils.selectInvocableMethod(method, bean.getClass()), annotation,
                        AnnotatedElementUtils.findMergedAnnotation(method, SendTo.class))));
        Map<Method, DltHandler> handlers = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<DltHandler>) method ->
                        AnnotatedElementUtils.findMergedAnnotation(method, DltHandler.class));
        if (handlers.size() > 1) {
            throw new IllegalStateException("Bean " + beanName + " has " + handlers.size() + " @DltHandler methods "
                    + handlers.keySet().stream().map(Method::getName).toList() + ": keep one; it receives the dead"
                    + " letters of all the bean's @TopicListener methods");
        }
        handlers.forEach((method, annotation) -> endpoints.add(deadLetterEndpoint(bean, beanName,
                AopUtils.selectInvocableMethod(method, bean.getClass()), annotation, endpoints)));
        endpoints.forEach(endpoint -> registry.getObject().register(endpoint));
        return bean;
    }

    /**
     * The endpoint of a {@link DltHandler}: a balanced container over the dead-letter topics it names, or over
     * {@code <topic>.DLT} of every topic the bean's listeners name.
     */
    private ListenerEndpoint deadLetterEndpoint(Object bean, String beanName, Method method, DltHandler annotation,
                                                List<ListenerEndpoint> listeners) {
        String id = beanName + "#" + method.getName();
        List<String> named = Arrays.stream(annotation.topics()).map(this::resolve).filter(topic -> !topic.isBlank())
                .toList();
        List<String> sources = new ArrayList<>();
        List<String> topics = new ArrayList<>(named);
        if (named.isEmpty()) {
            if (listeners.isEmpty() || listeners.stream().anyMatch(listener -> listener.topicPattern() != null)) {
                throw new IllegalStateException("@DltHandler " + id + " cannot tell which dead-letter topics to read:"
                        + " its bean has " + (listeners.isEmpty() ? "no @TopicListener method"
                        : "a @TopicListener with a topicPattern") + "; name them in @DltHandler(topics = ...)");
            }
            listeners.stream().flatMap(listener -> listener.topics().stream()).distinct().forEach(source -> {
                sources.add(source);
                topics.add(DeadLetterTopicResolver.defaultTopic(source));
            });
        }
        String group = annotation.group().isEmpty() ? id : resolve(annotation.group());
        return new ListenerEndpoint(id, bean, method, topics, null, group, TopicListener.Mode.BALANCED,
                TopicListener.Coordinator.KAFKA, List.of(), 1, true, null, Set.of(), true, sources, false, null,
                ConsumerSettings.NONE, Map.of(), null, TopicListener.Ordering.PARTITION, 0);
    }

    private ListenerEndpoint endpoint(Object bean, String beanName, Method method, TopicListener annotation,
                                      @Nullable SendTo sendTo) {
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
                .map(text -> wholeNumber(id, "partitions entry", text)).toList();
        if (!partitions.isEmpty() && annotation.mode() == TopicListener.Mode.BALANCED) {
            throw new IllegalStateException("@TopicListener " + id + ": partitions apply to SIMPLE mode only; a"
                    + " balanced group decides who reads which partition");
        }
        int concurrency = wholeNumber(id, "concurrency", resolve(annotation.concurrency()));
        if (concurrency < 1) {
            throw new IllegalStateException("@TopicListener " + id + ": concurrency must be 1 or more, was " + concurrency);
        }
        if (pattern != null && annotation.mode() == TopicListener.Mode.SIMPLE && (concurrency > 1 || !partitions.isEmpty())) {
            throw new IllegalStateException("@TopicListener " + id + ": a SIMPLE listener over topicPattern reads every"
                    + " partition of every matching topic with one consumer, so it takes neither partitions nor a"
                    + " concurrency above 1; use mode = BALANCED to share the matching topics among consumers");
        }
        boolean autoStartup = trueOrFalse(id, "autoStartup", resolve(annotation.autoStartup()));
        String containerFactory = annotation.containerFactory().isEmpty() ? null : resolve(annotation.containerFactory());
        if (group == null && Arrays.asList(method.getParameterTypes()).contains(Acknowledgment.class)) {
            throw new IllegalStateException("@TopicListener " + id + " takes an Acknowledgment but has no consumer"
                    + " group to commit to: set group (or gregor.consumer.group), or drop the Acknowledgment");
        }
        String batchText = resolve(annotation.batch()).trim();
        boolean batch = ListenerMethods.isBatch(method, batchText.isEmpty() ? null : trueOrFalse(id, "batch", batchText));
        String maxBatchText = resolve(annotation.maxBatchSize()).trim();
        Integer maxBatchSize = maxBatchText.isEmpty() ? null : wholeNumber(id, "maxBatchSize", maxBatchText);
        if (maxBatchSize != null && (maxBatchSize < 1 || !batch)) {
            throw new IllegalStateException("@TopicListener " + id + ": maxBatchSize " + maxBatchSize + (batch
                    ? " must be 1 or more" : " applies to batch listeners only (a List first parameter, or batch = true)"));
        }
        int parallelism = parallelism(id, bean, method, annotation, batch);
        ConsumerAttributes consumer = new ConsumerAttributes(id, annotation, this::resolve);
        return new ListenerEndpoint(id, bean, method, topics, pattern, group, annotation.mode(), annotation.coordinator(),
                partitions, concurrency, autoStartup, containerFactory, Set.of(annotation.notRetryable()), false, List.of(),
                batch, maxBatchSize, consumer.settings(), consumer.initialOffsets(topics, partitions),
                replyTopic(id, method, batch, sendTo), annotation.ordering(), parallelism);
    }

    /**
     * The {@link SendTo} topic of a listener, or null without one.
     *
     * @throws IllegalStateException for a batch listener that returns a value (its records cannot each be answered),
     *                               and for a {@code SendTo} on a void method or naming no topic
     */
    private @Nullable String replyTopic(String id, Method method, boolean batch, @Nullable SendTo sendTo) {
        boolean replies = method.getReturnType() != void.class;
        if (batch && replies) {
            throw new IllegalStateException("@TopicListener " + id + " is a batch listener that returns "
                    + method.getGenericReturnType().getTypeName() + ": a batch cannot be answered record by record;"
                    + " return void, or take one record (not a List) to send each reply");
        }
        if (sendTo == null) {
            return null;
        }
        if (!replies) {
            throw new IllegalStateException("@TopicListener " + id + " has @SendTo(\"" + sendTo.value() + "\") but"
                    + " returns void: return the reply, or remove @SendTo");
        }
        String topic = resolve(sendTo.value()).trim();
        if (topic.isEmpty()) {
            throw new IllegalStateException("@TopicListener " + id + " has a @SendTo that names no topic: write"
                    + " @SendTo(\"topic\"), or remove it to answer only requests that carry a reply topic header");
        }
        return topic;
    }

    /** {@code text}, an attribute's resolved value, as an int; else a startup error naming the listener. */
    private static int wholeNumber(String id, String attribute, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("@TopicListener " + id + ": " + attribute + " '" + text + "' is not a whole"
                    + " number; write it in digits, such as \"3\" (a placeholder may supply them)");
        }
    }

    /** {@code text}, an attribute's resolved value, as true or false; else a startup error naming the listener. */
    private static boolean trueOrFalse(String id, String attribute, String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(trimmed);
        }
        throw new IllegalStateException("@TopicListener " + id + ": " + attribute + " '" + text + "' is neither true"
                + " nor false; write \"true\" or \"false\" (a placeholder may supply it)");
    }

    /**
     * The records in flight per container of a key-ordered listener (0 for others), refusing what key ordering cannot
     * combine with: a batch listener, an Acknowledgment parameter (its commits are the watermarks), a SeekAware bean
     * (a seek would move a partition under records in flight), and a parallelism without key ordering.
     */
    private int parallelism(String id, Object bean, Method method, TopicListener annotation, boolean batch) {
        String text = resolve(annotation.parallelism()).trim();
        if (annotation.ordering() != TopicListener.Ordering.KEY) {
            if (!text.isEmpty()) {
                throw new IllegalStateException("@TopicListener " + id + ": parallelism applies to ordering = KEY"
                        + " only; set ordering = TopicListener.Ordering.KEY, or drop parallelism");
            }
            return 0;
        }
        String refused = batch ? "a batch listener (a List first parameter, or batch = true): key ordering runs"
                + " records one by one; drop one of them"
                : Arrays.asList(method.getParameterTypes()).contains(Acknowledgment.class) ? "an Acknowledgment"
                + " parameter: key ordering commits, per partition, up to the first record not finished; drop the"
                + " Acknowledgment"
                : bean instanceof SeekAware ? "a SeekAware bean: a seek would move a partition under records in"
                + " flight; move the listener to a bean that is not SeekAware" : null;
        if (refused != null) {
            throw new IllegalStateException("@TopicListener " + id + ": ordering = KEY does not combine with " + refused);
        }
        if (text.isEmpty()) {
            return DEFAULT_PARALLELISM;
        }
        int parallelism = wholeNumber(id, "parallelism", text);
        if (parallelism >= 1) {
            return parallelism;
        }
        throw new IllegalStateException("@TopicListener " + id + ": parallelism '" + text + "' is not allowed: the"
                + " most records in flight per container, a whole number of 1 or more");
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
