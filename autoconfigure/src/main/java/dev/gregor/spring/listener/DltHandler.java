package dev.gregor.spring.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a bean with {@link TopicListener} methods that receives the records those listeners
 * dead-lettered: a balanced container of its own reads the dead-letter topics ({@code <topic>.DLT} of every topic the
 * bean's listeners name, created when missing, or {@link #topics()}) and calls it like a listener, with the same
 * parameters (the {@link dev.gregor.Message} parameter shows the error headers). Records that reach it are never
 * dead-lettered again: one it still fails on after the retries stops its container without committing past it, so
 * nothing is lost and the failure shows in health and {@link ListenerContainerEvent.Failed}. It runs on the default
 * container factory's settings, whichever factory the listeners use.
 *
 * <pre>{@code
 * @TopicListener(topics = "orders", group = "billing", mode = TopicListener.Mode.BALANCED)
 * void onOrder(Order order) { ... }
 *
 * @DltHandler
 * void onDeadOrder(Message failed) { alerts.raise(failed); }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DltHandler {

    /**
     * The dead-letter topics to read; default: {@code <topic>.DLT} of each topic the bean's listeners name. Set it
     * when a {@link DeadLetterTopicResolver} bean names other topics, or when the listeners match a pattern.
     */
    String[] topics() default {};

    /** The consumer group; default: the container id ({@code bean#method}). */
    String group() default "";
}
