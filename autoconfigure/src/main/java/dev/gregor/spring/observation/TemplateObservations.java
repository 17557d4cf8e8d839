package dev.gregor.spring.observation;

import java.util.concurrent.CompletionException;

import dev.gregor.producer.DeliveryReport;
import dev.gregor.producer.ProducerRecord;
import dev.gregor.spring.core.SendObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Runs each template send in an Observation named {@code gregor.template} (low-cardinality tag {@code topic}), from
 * the call to the broker's acknowledgement, as a child of the observation current on the sending thread. Micrometer
 * Tracing's sender handler puts the trace context into the record's headers when the observation starts.
 */
public final class TemplateObservations implements SendObserver {

    /** The observation's name, and so the timer's. */
    public static final String NAME = "gregor.template";

    private final ObservationRegistry registry;

    /** Observations in {@code registry}. */
    public TemplateObservations(ObservationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ObservedSend start(String topic, ProducerRecord record) {
        TemplateSenderContext context = new TemplateSenderContext(topic, record);
        Observation observation = Observation.createNotStarted(NAME, () -> context, registry)
                .contextualName(topic + " send")
                .lowCardinalityKeyValue("topic", topic)
                .start();
        return new ObservedSend() {
            @Override
            public ProducerRecord record() {
                return context.recordWithInjectedHeaders();
            }

            @Override
            public void finished(@Nullable DeliveryReport report, @Nullable Throwable error) {
                context.delivered(report);
                if (error != null) {
                    observation.error(error instanceof CompletionException wrapped && wrapped.getCause() != null
                            ? wrapped.getCause() : error);
                }
                observation.stop();
            }
        };
    }
}
