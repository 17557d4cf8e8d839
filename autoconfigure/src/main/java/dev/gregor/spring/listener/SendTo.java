package dev.gregor.spring.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link TopicListener} method that returns a value: the topic its replies go to when the request names no reply
 * topic of its own (the request's {@code gregor.reply-topic} or {@code kafka_replyTopic} header wins, because the
 * requester knows where it listens). Accepts {@code ${...}} placeholders. The reply carries the request's key and
 * correlation headers ({@link dev.gregor.spring.core.ReplyHeaders}); a returned
 * {@link dev.gregor.producer.ProducerRecord} is sent as built, plus those headers; a null return sends nothing.
 *
 * <pre>{@code
 * @TopicListener(topics = "prices", group = "pricing")
 * @SendTo("quotes")
 * Quote price(PriceRequest request) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SendTo {

    /** The reply topic. */
    String value();
}
