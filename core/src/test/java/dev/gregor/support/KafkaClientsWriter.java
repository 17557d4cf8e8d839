package dev.gregor.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes test records with {@code kafka-clients}' own producer, so Gregor's consumer is checked against it. */
public final class KafkaClientsWriter {

    /** The value of record {@code i}: {@code "value-<i>"}. */
    public static byte[] value(int i) {
        return ("value-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private KafkaClientsWriter() {
    }

    /**
     * Writes records {@code from} until {@code to} to partition {@code i % partitions}, key {@code "key-<i>"} (none for
     * every 7th), header {@code n=<i>}, timestamp {@code baseTime + i}, with the given compression. Returns once
     * every record is acknowledged; fails if any was not.
     */
    public static void write(String bootstrapServers, String topic, int partitions, int from, int to, String compression,
                             long baseTime) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("compression.type", compression);
        config.put("linger.ms", "5");
        // One request at a time: a retried first batch cannot leave later ones failing with out-of-order sequences.
        config.put("max.in.flight.requests.per.connection", "1");
        List<Future<RecordMetadata>> sent = new ArrayList<>(to - from);
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = from; i < to; i++) {
                byte[] key = i % 7 == 0 ? null : ("key-" + i).getBytes(StandardCharsets.UTF_8);
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, i % partitions, baseTime + i, key, value(i));
                record.headers().add(new RecordHeader("n", Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
                sent.add(producer.send(record));
            }
        }
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("kafka-clients could not write test record " + (from + i) + " to " + topic, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while writing test records", e);
            }
        }
    }
}
