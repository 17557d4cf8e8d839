package dev.gregor.benchmarks.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.gregor.Backend;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.MultiTopicConsumer;
import dev.gregor.consumer.OffsetReset;
import dev.gregor.producer.Acks;
import dev.gregor.producer.Compression;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerRecord;

/** Gregor's client on one of its backends, with settings equivalent to {@link KafkaClientsDriver}'s. */
public final class GregorDriver implements ClientDriver {

    private final Backend backend;
    private final String name;

    public GregorDriver(Backend backend, String name) {
        this.backend = backend;
        this.name = name;
    }

    @Override
    public Result produce(String bootstrap, String topicName, Scenario scenario, Sizing sizing) {
        byte[] value = Measurement.value(scenario.valueSize());
        List<String> topics = scenario.topicNames(topicName);
        try (KafkaClient client = KafkaClient.connect(bootstrap);
             Producer producer = topics.size() == 1 ? client.topic(topicName).producer(producerConfig(scenario))
                     : client.producer(producerConfig(scenario))) {
            Phase warmup = sizing.warmup(scenario);
            for (long i = 0; warmup.goesOn(i); i++) {
                producer.produce(topics.get((int) (i % topics.size())), ProducerRecord.of(value));
            }
            producer.flush();
            Measurement measurement = new Measurement();
            Phase span = sizing.span(scenario);
            long records = 0;
            for (; span.goesOn(records); records++) {
                producer.produce(topics.get((int) (records % topics.size())), ProducerRecord.of(value));
            }
            producer.flush();
            return measurement.finish(name, scenario, records, -1, -1);
        }
    }

    /** Reads the scenario's topics named after {@code topics} with one consumer. */
    @Override
    public Result consume(String bootstrap, String topics, Scenario scenario, Sizing sizing, long prefilled) {
        try (KafkaClient client = KafkaClient.connect(bootstrap);
             MultiTopicConsumer consumer = client.simpleConsumer(ConsumerConfig.builder()
                     .backend(backend).consumerTimeout(Duration.ofSeconds(30)).fetchMaxWait(ReadRange.FETCH_MAX_WAIT).build(), scenario.topicNames(topics))) {
            ReadRange range = new ReadRange(prefilled, scenario.valueSize(), () -> consumer.resetOffsets(OffsetReset.EARLIEST));
            Phase warmup = sizing.warmup(scenario);
            for (long i = 0; warmup.goesOn(i); i++) {
                range.read(next(consumer).value().length);
            }
            Measurement measurement = new Measurement();
            Phase span = sizing.span(scenario);
            long records = 0;
            for (; span.goesOn(records); records++) {
                range.read(next(consumer).value().length);
            }
            return range.check(measurement.finish(name, scenario, records, -1, -1));
        }
    }

    @Override
    public Result latency(String bootstrap, String topicName, Scenario scenario, Sizing sizing) throws Exception {
        byte[] value = Measurement.value(scenario.valueSize());
        try (KafkaClient client = KafkaClient.connect(bootstrap);
             Producer producer = client.topic(topicName).producer(producerConfig(scenario))) {
            producer.send(ProducerRecord.of(value)).get(30, TimeUnit.SECONDS);
            return FixedRateRun.run(name, scenario, sizing,
                    outcome -> producer.send(ProducerRecord.of(value)).whenComplete((report, error) -> outcome.done(error)));
        }
    }

    private static Message next(MultiTopicConsumer consumer) {
        Message message = consumer.consume();
        if (message == null) {
            throw new IllegalStateException("No record came within the consumer timeout of 30 s");
        }
        return message;
    }

    private ProducerConfig producerConfig(Scenario scenario) {
        boolean all = scenario.acks().equals("all");
        return ProducerConfig.builder()
                .backend(backend)
                .acks(all ? Acks.ALL : Acks.LEADER)
                .idempotence(all)
                .compression(scenario.compression().equals("lz4") ? Compression.LZ4 : Compression.NONE)
                .linger(Duration.ofMillis(5))
                .batchSize(64 * 1024)
                .build();
    }
}
