package dev.gregor.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gregor.Header;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.spring.autoconfigure.GregorAutoConfiguration;
import dev.gregor.spring.autoconfigure.GregorConnectionDetails;
import dev.gregor.spring.autoconfigure.GregorListenerAutoConfiguration;
import dev.gregor.spring.autoconfigure.observation.GregorObservationAutoConfiguration;
import dev.gregor.spring.core.SendObserver;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.spring.listener.InvocationObserver;
import dev.gregor.spring.listener.TopicListener;
import dev.gregor.spring.support.TopicContents;
import dev.gregor.spring.test.EmbeddedGregorCluster;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Observations of template sends and listener calls with Micrometer Tracing on OpenTelemetry (W3C propagation), the
 * timers they make, and the client's meters; then, on the same cluster, contexts without observation.
 */
@SpringBootTest(properties = {"gregor.template.observation-enabled=true", "gregor.listener.observation-enabled=true",
        "gregor.client-id=observed"})
@EmbeddedGregorCluster
class ObservationIntegrationTests {

    @Autowired
    TopicTemplate template;
    @Autowired
    KafkaClient client;
    @Autowired
    ObservationRegistry observations;
    @Autowired
    Tracer tracer;
    @Autowired
    InMemorySpanExporter spans;
    @Autowired
    MeterRegistry meters;
    @Autowired
    TracedReceiver receiver;
    @Autowired
    GregorConnectionDetails connectionDetails;

    @Test
    void aSendInASpanCarriesItsTraceparentAndTheListenerContinuesTheTraceAsTheSendsChild() throws Exception {
        String[] traceId = new String[1];
        Observation.createNotStarted("checkout", observations).observeChecked(() -> {
            traceId[0] = tracer.currentSpan().context().traceId();
            template.send("traced", "order-1").get();
        });

        Header traceparent = TopicContents.of(client, "traced").get(0).header("traceparent");
        assertThat(traceparent).as("the W3C trace context in the record's headers").isNotNull();
        String[] parts = traceparent.valueAsString().split("-");
        assertThat(parts[1]).isEqualTo(traceId[0]);
        await().atMost(Duration.ofSeconds(30)).until(() -> span("traced process") != null);
        SpanData send = span("traced send");
        SpanData process = span("traced process");
        assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(send.getTraceId()).isEqualTo(traceId[0]);
        assertThat(send.getSpanId()).as("the header names the send's span").isEqualTo(parts[2]);
        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getTraceId()).isEqualTo(traceId[0]);
        assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
        assertThat(receiver.traceIds).as("the listener runs in the listener's span").containsExactly(traceId[0]);

        assertThat(meters.get("gregor.template").tag("topic", "traced").timer().count()).isEqualTo(1);
        assertThat(meters.get("gregor.listener").tags("listener", "traced-listener", "topic", "traced").timer()
                .count()).isEqualTo(1);
    }

    @Test
    void aBatchListenerCallIsOneObservationContinuingItsFirstRecordsTrace() {
        Observation.createNotStarted("import", observations).observe(() -> {
            for (int i = 0; i < 3; i++) {
                template.send("traced-batch", "line-" + i);
            }
            template.flush();
        });
        List<Message> sent = TopicContents.of(client, "traced-batch");
        String traceId = sent.get(0).header("traceparent").valueAsString().split("-")[1];

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.batched.size() == 3);
        assertThat(receiver.batchTraceIds).allSatisfy(id -> assertThat(id).isEqualTo(traceId));
        assertThat(meters.get("gregor.listener").tags("listener", "traced-batches", "topic", "traced-batch").timer()
                .count()).isEqualTo(receiver.batchTraceIds.size());
    }

    @Test
    void theClientsMetersCountItsRecordsConnectionsAndRequests() throws Exception {
        double sentBefore = meters.get("gregor.client.records.sent").tag("client.id", "observed").functionCounter().count();
        template.send("client-meters", new byte[100]).get();

        assertThat(meters.get("gregor.client.records.sent").tag("client.id", "observed").functionCounter().count())
                .isEqualTo(sentBefore + 1);
        assertThat(meters.get("gregor.client.bytes.sent").functionCounter().count()).isGreaterThanOrEqualTo(100);
        assertThat(meters.get("gregor.client.connections").gauge().value())
                .isEqualTo(client.metrics().openConnections()).isPositive();
        assertThat(meters.get("gregor.client.request.latency").tags("client.id", "observed", "api", "Produce").timer()
                .count()).isEqualTo(client.metrics().requests().get("Produce").count());
        double fetchedBefore = meters.get("gregor.client.records.fetched").functionCounter().count();
        assertThat(TopicContents.of(client, "client-meters")).hasSize(1);
        assertThat(meters.get("gregor.client.records.fetched").functionCounter().count())
                .isGreaterThanOrEqualTo(fetchedBefore + 1);
    }

    @Test
    void withObservationOffOrUnavailableTheTemplateAndListenersWorkAndAddNoHeader() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GregorObservationAutoConfiguration.class,
                        GregorAutoConfiguration.class, GregorListenerAutoConfiguration.class))
                .withPropertyValues("gregor.embedded.enabled=false",
                        "gregor.bootstrap-servers=" + connectionDetails.getBootstrapServers());
        // Tracing present, observation not switched on (the default).
        runner.withUserConfiguration(Tracing.class, PlainReceiver.class).run(context -> {
            assertThat(context).doesNotHaveBean(SendObserver.class).doesNotHaveBean(InvocationObserver.class);
            sendInSpanAndReceive(context.getBean(TopicTemplate.class), context.getBean(ObservationRegistry.class),
                    context.getBean(PlainReceiver.class), "plain-off");
        });
        // Switched on, with a registry but no tracing: observed, yet no header.
        runner.withUserConfiguration(Untraced.class, PlainReceiver.class)
                .withPropertyValues("gregor.template.observation-enabled=true", "gregor.listener.observation-enabled=true")
                .run(context -> {
                    sendInSpanAndReceive(context.getBean(TopicTemplate.class), context.getBean(ObservationRegistry.class),
                            context.getBean(PlainReceiver.class), "plain-untraced");
                    List<String> stopped = context.getBean(Untraced.class).stopped;
                    await().atMost(Duration.ofSeconds(10)).until(() -> stopped.contains("gregor.listener"));
                    assertThat(stopped).contains("outside", "gregor.template");
                });
        // Switched on, but no ObservationRegistry bean.
        runner.withUserConfiguration(PlainReceiver.class)
                .withPropertyValues("gregor.template.observation-enabled=true", "gregor.listener.observation-enabled=true")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(SendObserver.class).doesNotHaveBean(InvocationObserver.class);
                    sendInSpanAndReceive(context.getBean(TopicTemplate.class), observations,
                            context.getBean(PlainReceiver.class), "plain-no-registry");
                });
        // Switched on, Micrometer Observation and Tracing not on the class path.
        runner.withClassLoader(new FilteredClassLoader("io.micrometer.observation", "io.micrometer.tracing"))
                .withUserConfiguration(PlainReceiver.class)
                .withPropertyValues("gregor.template.observation-enabled=true", "gregor.listener.observation-enabled=true")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(SendObserver.class);
                    TopicTemplate plain = context.getBean(TopicTemplate.class);
                    plain.sendSync("plain-no-observation", "value");
                    PlainReceiver received = context.getBean(PlainReceiver.class);
                    await().atMost(Duration.ofSeconds(30)).until(() -> received.values.containsKey("plain-no-observation"));
                    assertThat(TopicContents.of(client, "plain-no-observation").get(0).headers()).isEmpty();
                });
    }

    /** Sends from inside an observation (of a registry with tracing) and checks the record went without a header. */
    private void sendInSpanAndReceive(TopicTemplate plain, ObservationRegistry registry, PlainReceiver received,
                                      String topic) throws Exception {
        Observation.createNotStarted("outside", registry).observeChecked(() -> plain.send(topic, "value").get());
        await().atMost(Duration.ofSeconds(30)).until(() -> received.values.containsKey(topic));
        assertThat(TopicContents.of(client, topic).get(0).headers()).isEmpty();
    }

    private SpanData span(String name) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElse(null);
    }

    static class TracedReceiver {

        final Tracer tracer;
        final List<String> traceIds = new CopyOnWriteArrayList<>();
        final List<String> batched = new CopyOnWriteArrayList<>();
        final List<String> batchTraceIds = new CopyOnWriteArrayList<>();

        TracedReceiver(Tracer tracer) {
            this.tracer = tracer;
        }

        @TopicListener(id = "traced-listener", topics = "traced", group = "traced-group")
        void receive(String value) {
            traceIds.add(tracer.currentSpan().context().traceId());
        }

        @TopicListener(id = "traced-batches", topics = "traced-batch", group = "traced-batch-group")
        void receiveBatch(List<String> values) {
            batchTraceIds.add(tracer.currentSpan().context().traceId());
            batched.addAll(values);
        }
    }

    static class PlainReceiver {

        final Map<String, String> values = new ConcurrentHashMap<>();

        @TopicListener(topics = {"plain-off", "plain-untraced", "plain-no-registry", "plain-no-observation"},
                group = "plain")
        void receive(Message message) {
            values.put(message.topic(), message.valueAsString());
        }
    }

    /**
     * An observation registry without tracing, noting the name of each observation that stopped (for the context
     * runner only: no {@code @Configuration}, so that the test's own context leaves it out).
     */
    static class Untraced {

        final List<String> stopped = new CopyOnWriteArrayList<>();

        @Bean
        ObservationRegistry observationRegistry() {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new ObservationHandler<>() {
                @Override
                public void onStop(Observation.Context context) {
                    stopped.add(context.getName());
                }

                @Override
                public boolean supportsContext(Observation.Context context) {
                    return true;
                }
            });
            return registry;
        }
    }

    /** Micrometer Tracing on an OpenTelemetry SDK that keeps finished spans in memory, propagating W3C trace context. */
    @Configuration(proxyBeanMethods = false)
    static class Tracing {

        @Bean
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }

        @Bean(destroyMethod = "close")
        SdkTracerProvider tracerProvider(InMemorySpanExporter spans) {
            return SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
        }

        @Bean
        OtelCurrentTraceContext currentTraceContext() {
            return new OtelCurrentTraceContext();
        }

        @Bean
        OtelTracer tracer(SdkTracerProvider provider, OtelCurrentTraceContext current) {
            return new OtelTracer(provider.get("gregor-test"), current, event -> { });
        }

        @Bean
        ObservationRegistry observationRegistry(OtelTracer tracer, SdkTracerProvider provider,
                                                org.springframework.beans.factory.ObjectProvider<MeterRegistry> meters) {
            OtelPropagator propagator = new OtelPropagator(
                    ContextPropagators.create(W3CTraceContextPropagator.getInstance()), provider.get("gregor-test"));
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                    new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                    new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                    new DefaultTracingObservationHandler(tracer)));
            meters.ifAvailable(registryOfMeters -> registry.observationConfig()
                    .observationHandler(new DefaultMeterObservationHandler(registryOfMeters)));
            return registry;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @org.springframework.context.annotation.Import(Tracing.class)
    static class App {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        TracedReceiver tracedReceiver(Tracer tracer) {
            return new TracedReceiver(tracer);
        }

        @Bean
        SmartInitializingSingleton topics(KafkaClient client) {
            return () -> {
                for (String topic : List.of("traced", "traced-batch", "client-meters", "plain-off",
                        "plain-untraced", "plain-no-registry", "plain-no-observation")) {
                    client.createTopic(topic, 1, 1);
                }
            };
        }
    }
}
