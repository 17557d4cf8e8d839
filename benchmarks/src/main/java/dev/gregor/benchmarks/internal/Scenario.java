package dev.gregor.benchmarks.internal;

import java.util.List;
import java.util.stream.IntStream;

/** What one benchmark run does: produce, consume, or produce at a fixed rate for latency. */
public enum Scenario {

    PRODUCE_100B_ACKS1(Kind.PRODUCE, 100, "1", "none", 1_000_000),
    PRODUCE_100B_ACKSALL(Kind.PRODUCE, 100, "all", "none", 1_000_000),
    PRODUCE_100B_ACKS1_LZ4(Kind.PRODUCE, 100, "1", "lz4", 1_000_000),
    PRODUCE_1KIB_ACKS1(Kind.PRODUCE, 1024, "1", "none", 200_000),
    PRODUCE_100B_50_TOPICS(Kind.PRODUCE, 100, "1", "none", 1_000_000, 50, 2),
    CONSUME_100B(Kind.CONSUME, 100, "1", "none", 5_000_000),
    CONSUME_100B_10_TOPICS(Kind.CONSUME, 100, "1", "none", 5_000_000, 10, 6),
    LISTENER_100B(Kind.LISTENER, 100, "1", "none", 1_000_000),
    LISTENER_BATCH_100B(Kind.LISTENER, 100, "1", "none", 1_000_000, Listening.BATCH),
    LISTENER_KEYED_1MS(Kind.LISTENER, 100, "1", "none", 200_000, 1, 12, Listening.RECORD, 10_000, 1),
    LATENCY_100B_AT_20K(Kind.LATENCY, 100, "all", "none", 100_000);

    /**
     * The kinds of run: produce, consume, Spring listeners (@TopicListener against spring-kafka's @KafkaListener,
     * which the {@code kafka-clients} rows stand for) and fixed-rate latency.
     */
    public enum Kind { PRODUCE, CONSUME, LISTENER, LATENCY }

    /** How a listener scenario's listener takes records: one per call, or what one poll brought as a list. */
    public enum Listening { RECORD, BATCH }

    /** The rate of latency runs, records per second. */
    public static final int LATENCY_RATE = 20_000;

    private final Kind kind;
    private final int valueSize;
    private final String acks;
    private final String compression;
    private final int records;
    private final int topics;
    private final int partitions;
    private final Listening listening;
    private final int keys;
    private final int workMillis;

    Scenario(Kind kind, int valueSize, String acks, String compression, int records) {
        this(kind, valueSize, acks, compression, records, 1, 6);
    }

    Scenario(Kind kind, int valueSize, String acks, String compression, int records, Listening listening) {
        this(kind, valueSize, acks, compression, records, 1, 6, listening, 0, 0);
    }

    Scenario(Kind kind, int valueSize, String acks, String compression, int records, int topics, int partitions) {
        this(kind, valueSize, acks, compression, records, topics, partitions, Listening.RECORD, 0, 0);
    }

    Scenario(Kind kind, int valueSize, String acks, String compression, int records, int topics, int partitions,
             Listening listening, int keys, int workMillis) {
        this.kind = kind;
        this.valueSize = valueSize;
        this.acks = acks;
        this.compression = compression;
        this.records = records;
        this.topics = topics;
        this.partitions = partitions;
        this.listening = listening;
        this.keys = keys;
        this.workMillis = workMillis;
    }

    public Kind kind() {
        return kind;
    }

    public int valueSize() {
        return valueSize;
    }

    /** {@code 1} or {@code all}. */
    public String acks() {
        return acks;
    }

    /** {@code none} or {@code lz4}. */
    public String compression() {
        return compression;
    }

    /** How a listener scenario's listeners take records ({@link Listening#RECORD} for the other kinds). */
    public Listening listening() {
        return listening;
    }

    /** How many distinct keys a reading scenario's records carry (record {@code i} has key {@code k<i % keys>}); 0: none. */
    public int keys() {
        return keys;
    }

    /** The blocking work a listener does per record, in milliseconds (0: none). */
    public int workMillis() {
        return workMillis;
    }

    /** Partitions of each topic. */
    public int partitions() {
        return partitions;
    }

    /**
     * The topics a run writes or reads, records spread over them in turn: {@code topic} itself, or {@code topic-0}
     * to {@code topic-<n-1>} when the scenario spans several.
     */
    public List<String> topicNames(String topic) {
        return topics == 1 ? List.of(topic) : IntStream.range(0, topics).mapToObj(i -> topic + "-" + i).toList();
    }

    /**
     * Records a {@code --quick} run measures (a tenth more first, to warm up), and a reading scenario's topics hold
     * (plus that tenth), times {@code scale}.
     */
    public int records(double scale) {
        return Math.max(1_000, (int) (records * scale));
    }
}
