package dev.gregor.spring.metrics;

import java.util.function.ToDoubleFunction;

import dev.gregor.ClientMetrics;
import dev.gregor.KafkaClient;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Meters over a {@link KafkaClient}'s {@link ClientMetrics}, read when the registry is scraped (nothing on the hot
 * path), each tagged {@code client.id}: {@code gregor.client.records.sent}, {@code gregor.client.bytes.sent},
 * {@code gregor.client.records.fetched}, {@code gregor.client.bytes.fetched}, {@code gregor.client.rebalances}
 * (counters) and {@code gregor.client.connections} (a gauge of open connections).
 */
public final class ClientMeters {

    private ClientMeters() {
    }

    /** Registers the meters of {@code client} in {@code registry}. */
    public static void bind(KafkaClient client, MeterRegistry registry) {
        ClientMetrics metrics = client.metrics();
        String clientId = client.clientId();
        counter(registry, clientId, metrics, "gregor.client.records.sent", null,
                "Records the brokers acknowledged", ClientMetrics::recordsSent);
        counter(registry, clientId, metrics, "gregor.client.bytes.sent", "bytes",
                "Record-batch bytes of the records the brokers acknowledged", ClientMetrics::bytesSent);
        counter(registry, clientId, metrics, "gregor.client.records.fetched", null,
                "Records in the whole record batches fetched", ClientMetrics::recordsFetched);
        counter(registry, clientId, metrics, "gregor.client.bytes.fetched", "bytes",
                "Record-batch bytes fetched", ClientMetrics::bytesFetched);
        counter(registry, clientId, metrics, "gregor.client.rebalances", null,
                "Rebalances the client's balanced consumers completed", ClientMetrics::rebalances);
        Gauge.builder("gregor.client.connections", metrics, ClientMetrics::openConnections)
                .description("Broker connections open now").tag("client.id", clientId).register(registry);
    }

    private static void counter(MeterRegistry registry, String clientId, ClientMetrics metrics, String name,
                                @Nullable String unit, String description, ToDoubleFunction<ClientMetrics> value) {
        FunctionCounter.builder(name, metrics, value).baseUnit(unit).description(description)
                .tag("client.id", clientId).register(registry);
    }
}
