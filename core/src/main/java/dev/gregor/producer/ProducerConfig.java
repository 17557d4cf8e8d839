package dev.gregor.producer;

import static dev.gregor.internal.client.ConfigChecks.within;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import dev.gregor.Backend;
import dev.gregor.InvalidConfigException;

/**
 * How a {@link Producer} behaves. Immutable; every value is checked when set, and a bad one fails with an
 * {@link InvalidConfigException} that names the property and the allowed values.
 *
 * <p>Defaults: asynchronous, batched (up to 64 KiB or 5 ms per partition), {@code acks=all}, idempotent (retries
 * never duplicate), no compression, keyed records hashed like {@code kafka-clients}, unkeyed ones sticky.
 */
public final class ProducerConfig {

    private final boolean sync;
    private final boolean deliveryReports;
    private final Duration linger;
    private final int batchSize;
    private final int maxQueuedRecords;
    private final boolean blockWhenFull;
    private final Duration maxBlock;
    private final Acks acks;
    private final Compression compression;
    private final Partitioner partitioner;
    private final boolean idempotence;
    private final Backend backend;
    private final Duration deliveryTimeout;
    private final Duration retryBackoff;
    private final int maxRequestSize;
    private final String transactionalId;
    private final Duration transactionTimeout;

    private ProducerConfig(Builder builder) {
        this.sync = builder.sync;
        this.deliveryReports = builder.deliveryReports;
        this.linger = builder.linger;
        this.batchSize = builder.batchSize;
        this.maxQueuedRecords = builder.maxQueuedRecords;
        this.blockWhenFull = builder.blockWhenFull;
        this.maxBlock = builder.maxBlock;
        this.acks = builder.acks;
        this.compression = builder.compression;
        this.partitioner = builder.partitioner;
        this.idempotence = builder.idempotence;
        this.backend = builder.backend;
        this.deliveryTimeout = builder.deliveryTimeout;
        this.retryBackoff = builder.retryBackoff;
        this.maxRequestSize = builder.maxRequestSize;
        this.transactionalId = builder.transactionalId;
        this.transactionTimeout = builder.transactionTimeout;
    }

    /** The defaults. */
    public static ProducerConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code produce} blocks until the record is acknowledged (or throws). */
    public boolean sync() {
        return sync;
    }

    /** Whether delivery reports are queued for {@link Producer#deliveryReport(Duration)}. */
    public boolean deliveryReports() {
        return deliveryReports;
    }

    /** How long a partition's batch waits for more records before it is sent. */
    public Duration linger() {
        return linger;
    }

    /** The most bytes of records per partition batch. */
    public int batchSize() {
        return batchSize;
    }

    /** The most records waiting to be acknowledged before {@code produce} blocks or fails. */
    public int maxQueuedRecords() {
        return maxQueuedRecords;
    }

    /** Whether a full queue blocks the producing thread (up to {@link #maxBlock()}) rather than failing at once. */
    public boolean blockWhenFull() {
        return blockWhenFull;
    }

    /** How long {@code produce} may block on a full queue or missing metadata. */
    public Duration maxBlock() {
        return maxBlock;
    }

    /** The acknowledgement required from the brokers. */
    public Acks acks() {
        return acks;
    }

    /** The batch compression. */
    public Compression compression() {
        return compression;
    }

    /** The partitioner for records without an explicit partition. */
    public Partitioner partitioner() {
        return partitioner;
    }

    /** Whether the producer is idempotent (producer id and sequence numbers: a retry never duplicates). */
    public boolean idempotence() {
        return idempotence;
    }

    /** The engine producing: Gregor's own ({@code NATIVE}) or {@code KAFKA_CLIENTS}. */
    public Backend backend() {
        return backend;
    }

    /** How long a record may take from {@code produce} to acknowledgement, retries included, before it fails. */
    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    /** The wait before retrying a failed batch. */
    public Duration retryBackoff() {
        return retryBackoff;
    }

    /** The largest request the producer sends, and so the largest record it accepts. */
    public int maxRequestSize() {
        return maxRequestSize;
    }

    /** A builder starting from this configuration. */
    /** The transactional id, for a producer whose records are written in transactions; empty for none (default). */
    public Optional<String> transactionalId() {
        return Optional.ofNullable(transactionalId);
    }

    /** How long a transaction may stay open before the coordinator aborts it. */
    public Duration transactionTimeout() {
        return transactionTimeout;
    }

    /** This configuration with transactions under {@code id}; see {@link Builder#transactionalId(String)}. */
    public ProducerConfig withTransactionalId(String id) {
        return toBuilder().transactionalId(id).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link ProducerConfig}. */
    public static final class Builder {

        private boolean sync;
        private boolean deliveryReports;
        private Duration linger = Duration.ofMillis(5);
        private int batchSize = 64 * 1024;
        private int maxQueuedRecords = 100_000;
        private boolean blockWhenFull = true;
        private Duration maxBlock = Duration.ofSeconds(60);
        private Acks acks = Acks.ALL;
        private Compression compression = Compression.NONE;
        private Partitioner partitioner = Partitioners.defaultPartitioner();
        private boolean idempotence = true;
        private Backend backend = Backend.NATIVE;
        private Duration deliveryTimeout = Duration.ofMinutes(2);
        private Duration retryBackoff = Duration.ofMillis(100);
        private int maxRequestSize = 1024 * 1024;
        private String transactionalId;
        private Duration transactionTimeout = Duration.ofMinutes(1);

        private Builder() {
        }

        private Builder(ProducerConfig from) {
            this.sync = from.sync;
            this.deliveryReports = from.deliveryReports;
            this.linger = from.linger;
            this.batchSize = from.batchSize;
            this.maxQueuedRecords = from.maxQueuedRecords;
            this.blockWhenFull = from.blockWhenFull;
            this.maxBlock = from.maxBlock;
            this.acks = from.acks;
            this.compression = from.compression;
            this.partitioner = from.partitioner;
            this.idempotence = from.idempotence;
            this.backend = from.backend;
            this.deliveryTimeout = from.deliveryTimeout;
            this.retryBackoff = from.retryBackoff;
            this.maxRequestSize = from.maxRequestSize;
            this.transactionalId = from.transactionalId;
            this.transactionTimeout = from.transactionTimeout;
        }

        /** Block in {@code produce} until acknowledged, throwing if delivery fails. Default false. */
        public Builder sync(boolean enabled) {
            this.sync = enabled;
            return this;
        }

        /** Queue a report per record for {@link Producer#deliveryReport(Duration)}. Default false. */
        public Builder deliveryReports(boolean enabled) {
            this.deliveryReports = enabled;
            return this;
        }

        /** How long a batch waits for more records (0 to 60 s). Default 5 ms. */
        public Builder linger(Duration value) {
            this.linger = within("linger", value, Duration.ZERO, Duration.ofSeconds(60));
            return this;
        }

        /**
         * The most bytes per partition batch (1 KiB to 16 MiB), lowered for a topic whose {@code max.message.bytes}
         * takes less. Default 64 KiB.
         */
        public Builder batchSize(int bytes) {
            this.batchSize = within("batchSize", bytes, 1024, 16 * 1024 * 1024);
            return this;
        }

        /** The most records waiting for acknowledgement (1 to 10,000,000). Default 100,000. */
        public Builder maxQueuedRecords(int records) {
            this.maxQueuedRecords = within("maxQueuedRecords", records, 1, 10_000_000);
            return this;
        }

        /** Block on a full queue (up to maxBlock) instead of failing at once. Default true. */
        public Builder blockWhenFull(boolean enabled) {
            this.blockWhenFull = enabled;
            return this;
        }

        /** How long {@code produce} may block on a full queue or while finding the topic (0 to 10 min). Default 60 s. */
        public Builder maxBlock(Duration value) {
            this.maxBlock = within("maxBlock", value, Duration.ZERO, Duration.ofMinutes(10));
            return this;
        }

        /** The acknowledgement to wait for. Default {@link Acks#ALL}. */
        public Builder acks(Acks value) {
            this.acks = Objects.requireNonNull(value, "acks");
            return this;
        }

        /** The batch compression. Default {@link Compression#NONE}. */
        public Builder compression(Compression value) {
            this.compression = Objects.requireNonNull(value, "compression");
            return this;
        }

        /** The partitioner. Default {@link Partitioners#defaultPartitioner()}. */
        public Builder partitioner(Partitioner value) {
            this.partitioner = Objects.requireNonNull(value, "partitioner");
            return this;
        }

        /**
         * The engine: {@code NATIVE} (default) or {@code KAFKA_CLIENTS}, which needs
         * {@code dev.gregor:gregor-backend-kafka-clients} on the class path.
         */
        public Builder backend(Backend value) {
            this.backend = Objects.requireNonNull(value, "backend");
            return this;
        }

        /** Whether retries are deduplicated by the broker (needs acks=all). Default true. */
        public Builder idempotence(boolean enabled) {
            this.idempotence = enabled;
            return this;
        }

        /** The deadline from produce to acknowledgement, retries included (1 s to 1 day). Default 2 min. */
        public Builder deliveryTimeout(Duration value) {
            this.deliveryTimeout = within("deliveryTimeout", value, Duration.ofSeconds(1), Duration.ofDays(1));
            return this;
        }

        /** The wait before a retry (1 ms to 1 min). Default 100 ms. */
        public Builder retryBackoff(Duration value) {
            this.retryBackoff = within("retryBackoff", value, Duration.ofMillis(1), Duration.ofMinutes(1));
            return this;
        }

        /**
         * The largest request, and so the largest record (1 KiB to 100 MiB); the topic's {@code max.message.bytes}
         * bounds a record too. Default 1 MiB.
         */
        public Builder maxRequestSize(int bytes) {
            this.maxRequestSize = within("maxRequestSize", bytes, 1024, 100 * 1024 * 1024);
            return this;
        }

        /**
         * Writes records in transactions under this id (null, the default: no transactions). Records are produced
         * between {@code beginTransaction()} and {@code commitTransaction()} (or in {@code runInTransaction}), and
         * {@code READ_COMMITTED} consumers see them only once committed. The id names the producer across restarts:
         * a new producer with the same id fences the old one and aborts its open transaction, so give each live
         * instance its own, stable id. Implies idempotence and {@code acks=all}. A client holds one open producer
         * per transactional id.
         */
        public Builder transactionalId(String id) {
            if (id != null && id.isBlank()) {
                throw new InvalidConfigException("transactionalId", id, "a non-blank id, or null for no transactions");
            }
            this.transactionalId = id;
            return this;
        }

        /**
         * How long a transaction may stay open before the transaction coordinator aborts it (1 s to 15 min, and at
         * most the brokers' {@code transaction.max.timeout.ms}). Default 1 min.
         */
        public Builder transactionTimeout(Duration value) {
            this.transactionTimeout = within("transactionTimeout", value, Duration.ofSeconds(1), Duration.ofMinutes(15));
            return this;
        }

        /**
         * The configuration.
         *
         * @throws InvalidConfigException if idempotence is on without {@code acks=all}, or off with a transactional id
         */
        public ProducerConfig build() {
            if (transactionalId != null && !idempotence) {
                throw new InvalidConfigException("idempotence", false, "true for a transactional producer"
                        + " (transactionalId '" + transactionalId + "'): transactions need it");
            }
            if (idempotence && acks != Acks.ALL) {
                throw new InvalidConfigException("acks", acks, "ALL while idempotence is on (or set idempotence(false))");
            }
            return new ProducerConfig(this);
        }
    }
}
