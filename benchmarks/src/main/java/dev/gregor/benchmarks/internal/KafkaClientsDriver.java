package dev.gregor.benchmarks.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Apache kafka-clients on its own, tuned like the Gregor runs (linger 5 ms, 64 KiB batches). */
public final class KafkaClientsDriver implements ClientDriver {

    public static final String NAME = "kafka-clients";

    @Override
    public Result produce(String bootstrap, String topic, Scenario scenario, Sizing sizing) {
        byte[] value = Measurement.value(scenario.valueSize());
        List<String> topics = scenario.topicNames(topic);
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap, scenario)) {
            Phase warmup = sizing.warmup(scenario);
            for (long i = 0; warmup.goesOn(i); i++) {
                producer.send(new ProducerRecord<>(topics.get((int) (i % topics.size())), value));
            }
            producer.flush();
            Measurement measurement = new Measurement();
            Phase span = sizing.span(scenario);
            long records = 0;
            for (; span.goesOn(records); records++) {
                producer.send(new ProducerRecord<>(topics.get((int) (records % topics.size())), value));
            }
            producer.flush();
            return measurement.finish(NAME, scenario, records, -1, -1);
        }
    }

    /** Reads the scenario's topics named after {@code topics} with one consumer, assigned all their partitions. */
    @Override
    public Result consume(String bootstrap, String topics, Scenario scenario, Sizing sizing, long prefilled) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("max.poll.records", "5000");
        config.put("fetch.max.wait.ms", Long.toString(ReadRange.FETCH_MAX_WAIT.toMillis()));
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = scenario.topicNames(topics).stream().flatMap(topic -> consumer.partitionsFor(topic)
                    .stream().map(info -> new TopicPartition(topic, info.partition()))).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Polled polled = new Polled(consumer);
            ReadRange range = new ReadRange(prefilled, scenario.valueSize(), () -> consumer.seekToBeginning(partitions));
            Phase warmup = sizing.warmup(scenario);
            for (long i = 0; warmup.goesOn(i); i++) {
                range.read(polled.next().value().length);
            }
            Measurement measurement = new Measurement();
            Phase span = sizing.span(scenario);
            long records = 0;
            for (; span.goesOn(records); records++) {
                range.read(polled.next().value().length);
            }
            return range.check(measurement.finish(NAME, scenario, records, -1, -1));
        }
    }

    /** One record at a time from a consumer's polls: a poll's records are all handed out before the next poll. */
    private static final class Polled {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private Iterator<ConsumerRecord<byte[], byte[]>> batch = Collections.emptyIterator();

        Polled(KafkaConsumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        ConsumerRecord<byte[], byte[]> next() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!batch.hasNext()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("No record came within 30 s");
                }
                batch = consumer.poll(Duration.ofMillis(200)).iterator();
            }
            return batch.next();
        }
    }

    @Override
    public Result latency(String bootstrap, String topic, Scenario scenario, Sizing sizing) throws Exception {
        byte[] value = Measurement.value(scenario.valueSize());
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap, scenario)) {
            producer.send(new ProducerRecord<>(topic, value)).get(30, TimeUnit.SECONDS);
            return FixedRateRun.run(NAME, scenario, sizing,
                    outcome -> producer.send(new ProducerRecord<>(topic, value), (metadata, error) -> outcome.done(error)));
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap, Scenario scenario) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("acks", scenario.acks());
        config.put("enable.idempotence", Boolean.toString(scenario.acks().equals("all")));
        config.put("compression.type", scenario.compression());
        config.put("linger.ms", "5");
        config.put("batch.size", Integer.toString(64 * 1024));
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
