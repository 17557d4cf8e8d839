package dev.gregor.cli.produce;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import dev.gregor.Header;
import dev.gregor.KafkaClient;
import dev.gregor.KafkaException;
import dev.gregor.Topic;
import dev.gregor.cli.support.ConnectedCommand;
import dev.gregor.cli.support.Io;
import dev.gregor.cli.support.Output;
import dev.gregor.producer.Acks;
import dev.gregor.producer.Compression;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gregor produce TOPIC}: one record per line of standard input or {@code --file}, as kcat -P does; a summary
 * (records, bytes, time) on standard error, and exit code 1 if any record failed.
 */
@Command(name = "produce", description = "Produces one record per line of standard input (or --file), like kcat -P;"
        + " prints a summary on standard error and exits with 1 if any record failed.")
public final class ProduceCommand extends ConnectedCommand {

    @Parameters(paramLabel = "TOPIC", description = "The topic to write to.")
    String topicName;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the lines from FILE instead of standard input.")
    Path file;

    @Option(names = {"-K", "--key-delimiter"}, paramLabel = "DELIM", description = "Lines are KEY DELIM VALUE: the key"
            + " ends at the first DELIM (a line without it has no key).")
    String keyDelimiter;

    @Option(names = {"-H", "--header"}, paramLabel = "KEY=VALUE", description = "A header for every record; repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-p", "--partition"}, paramLabel = "N", description = "Write every record to partition N"
            + " (default: by key hash, keyless records spread).")
    Integer partition;

    @Option(names = {"-Z", "--null-empty"}, description = "Send an empty value as null (a tombstone) and an empty key"
            + " as no key.")
    boolean nullEmpty;

    @Option(names = {"-z", "--compression"}, paramLabel = "CODEC", defaultValue = "none",
            description = "none (default), gzip, snappy, lz4 or zstd.")
    Compression compression;

    @Option(names = "--acks", paramLabel = "ACKS", defaultValue = "all", converter = AcksConverter.class,
            description = "all (-1, default), 1 (leader) or 0 (none: no answer, failures go unseen).")
    Acks acks;

    @Option(names = "--sync", description = "Wait for each record's acknowledgement before sending the next.")
    boolean sync;

    ProduceCommand(Io io) {
        super(io);
    }

    @Override
    protected int execute(KafkaClient client, Output output) {
        Topic topic = client.topic(topicName);
        if (partition != null) {
            topic.partition(partition);
        }
        RecordParser parser = new RecordParser(keyDelimiter, parsedHeaders(), partition == null ? -1 : partition,
                nullEmpty);
        DeliveryTally tally = new DeliveryTally();
        long started = System.nanoTime();
        try (InputStream input = file == null ? io.in() : Files.newInputStream(file);
             Producer producer = topic.producer(config())) {
            LineSplitter lines = new LineSplitter(input);
            for (byte[] line = lines.next(); line != null; line = lines.next()) {
                send(producer, parser.parse(line), tally);
            }
            producer.flush();
            if (!sync) {
                tally.failedUnseen(producer.metrics().recordsFailed());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        output.summary(tally.describe(topicName, took), tally.toJson(topicName, took));
        return tally.failed() > 0 ? 1 : 0;
    }

    /**
     * Sends one record. Without {@code --sync} it is only queued (the producer's fast path, no future per record):
     * a record refused at once is counted here with its reason, one that fails later only in the producer's tally.
     */
    private void send(Producer producer, ProducerRecord record, DeliveryTally tally) {
        tally.sent(record);
        try {
            if (sync) {
                producer.send(record).join();
            } else {
                producer.produce(record);
            }
        } catch (KafkaException refused) {
            tally.failed(refused);
        } catch (CompletionException notDelivered) {
            tally.failed(notDelivered.getCause());
        }
    }

    private ProducerConfig config() {
        ProducerConfig.Builder config = ProducerConfig.builder()
                .acks(acks)
                .idempotence(acks == Acks.ALL)
                .compression(compression);
        return (sync ? config.linger(Duration.ZERO) : config).build();
    }

    private List<Header> parsedHeaders() {
        List<Header> parsed = new ArrayList<>();
        for (String header : headers) {
            int equals = header.indexOf('=');
            if (equals <= 0) {
                throw usageError("--header '" + header + "' is not KEY=VALUE: write e.g. --header source=cli");
            }
            parsed.add(Header.of(header.substring(0, equals), header.substring(equals + 1)));
        }
        return parsed;
    }
}
