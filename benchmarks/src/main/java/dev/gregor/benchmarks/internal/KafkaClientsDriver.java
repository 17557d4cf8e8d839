package dev.gregor.benchmarks.internal;

import java.time.Duration;
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
    public Result produce(String bootstrap, String topic, Scenario scenario, double scale) {
        int records = scenario.records(scale);
        byte[] value = Measurement.value(scenario.valueSize());
        List<String> topics = scenario.topicNames(topic);
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap, scenario)) {
            for (int i = 0; i < records / 10; i++) {
                producer.send(new ProducerRecord<>(topics.get(i % topics.size()), value));
            }
            producer.flush();
            Measurement measurement = new Measurement();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topics.get(i % topics.size()), value));
            }
            producer.flush();
            return measurement.finish(NAME, scenario, records, -1, -1);
        }
    }

    /** Reads the scenario's topics named after {@code topics} with one consumer. */
    @Override
    public Result consume(String bootstrap, String topics, Scenario scenario, double scale) {
        int records = scenario.records(scale);
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("max.poll.records", "5000");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = scenario.topicNames(topics).stream().flatMap(topic -> consumer.partitionsFor(topic)
                    .stream().map(info -> new TopicPartition(topic, info.partition()))).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long[] progress = new long[2];
            read(consumer, records / 10, progress);
            long warmedUp = progress[0];
            Measurement measurement = new Measurement();
            read(consumer, records + records / 10, progress);
            Result result = measurement.finish(NAME, scenario, progress[0] - warmedUp, -1, -1);
            if (progress[1] != (long) (records + records / 10) * scenario.valueSize()) {
                throw new IllegalStateException("Read " + progress[0] + " records of " + (records + records / 10));
            }
            return result;
        }
    }

    /** Polls until {@code total} records were read in all; {@code progress} holds records and value bytes so far. */
    private static void read(KafkaConsumer<byte[], byte[]> consumer, int total, long[] progress) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (progress[0] < total && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                progress[1] += record.value().length;
                progress[0]++;
            }
        }
    }

    @Override
    public Result latency(String bootstrap, String topic, Scenario scenario, double scale) throws Exception {
        int records = scenario.records(scale);
        byte[] value = Measurement.value(scenario.valueSize());
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap, scenario)) {
            producer.send(new ProducerRecord<>(topic, value)).get(30, TimeUnit.SECONDS);
            return FixedRateRun.run(NAME, scenario, records,
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
