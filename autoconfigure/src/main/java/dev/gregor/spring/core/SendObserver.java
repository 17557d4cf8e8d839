package dev.gregor.spring.core;

import dev.gregor.producer.DeliveryReport;
import dev.gregor.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Sees each send of a {@link TopicTemplate} from start to delivery, and may add headers to the record: where
 * observation and tracing plug in. The auto-configured one (with an {@code ObservationRegistry} bean and
 * {@code gregor.template.observation-enabled=true}) runs each send in a Micrometer {@code Observation}.
 */
public interface SendObserver {

    /** Called on the sending thread before {@code record} goes to {@code topic}; must not block. */
    ObservedSend start(String topic, ProducerRecord record);

    /** One send being observed. */
    interface ObservedSend {

        /** The record to send: the one given, with any headers the observer adds. */
        ProducerRecord record();

        /** The send ended: delivered ({@code report}) or failed ({@code error}); called once, on any thread. */
        void finished(@Nullable DeliveryReport report, @Nullable Throwable error);
    }
}
