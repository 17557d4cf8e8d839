package dev.gregor.consumer;

import static dev.gregor.internal.client.ConfigChecks.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.gregor.Backend;
import dev.gregor.InvalidConfigException;
import dev.gregor.Partition;
import dev.gregor.balance.AssignmentStrategy;
import dev.gregor.internal.client.KafkaClientsPropertyNames;

/**
 * How a consumer behaves. Immutable; every value is checked when set, and a bad one fails with an
 * {@link InvalidConfigException} naming the property and the allowed values.
 *
 * <p>Defaults: no consumer group (offsets are not stored), start at the earliest offset, iterate forever,
 * read uncommitted, prefetch up to 2,000 records per partition.
 */
public final class ConsumerConfig {

    private final String consumerGroup;
    private final boolean autoCommit;
    private final Duration autoCommitInterval;
    private final OffsetReset autoOffsetReset;
    private final Duration consumerTimeout;
    private final Set<Integer> partitions;
    private final int queuedMaxMessages;
    private final int fetchMinBytes;
    private final Duration fetchMaxWait;
    private final int fetchMaxBytes;
    private final int maxPartitionFetchBytes;
    private final IsolationLevel isolationLevel;
    private final boolean checkCrcs;
    private final Backend backend;
    private final String zookeeperConnect;
    private final boolean managed;
    private final AssignmentStrategy assignmentStrategy;
    private final Duration sessionTimeout;
    private final Duration heartbeatInterval;
    private final Duration rebalanceTimeout;
    private final int rebalanceMaxRetries;
    private final Duration rebalanceBackoff;
    private final String groupInstanceId;
    private final RebalanceListener rebalanceListener;
    private final Duration maxPollInterval;
    private final Map<String, String> kafkaClientsProperties;

    private ConsumerConfig(Builder builder) {
        this.consumerGroup = builder.consumerGroup;
        this.autoCommit = builder.autoCommit;
        this.autoCommitInterval = builder.autoCommitInterval;
        this.autoOffsetReset = builder.autoOffsetReset;
        this.consumerTimeout = builder.consumerTimeout;
        this.partitions = Set.copyOf(builder.partitions);
        this.queuedMaxMessages = builder.queuedMaxMessages;
        this.fetchMinBytes = builder.fetchMinBytes;
        this.fetchMaxWait = builder.fetchMaxWait;
        this.fetchMaxBytes = builder.fetchMaxBytes;
        this.maxPartitionFetchBytes = builder.maxPartitionFetchBytes;
        this.isolationLevel = builder.isolationLevel;
        this.checkCrcs = builder.checkCrcs;
        this.backend = builder.backend;
        this.zookeeperConnect = builder.zookeeperConnect;
        this.managed = builder.managed;
        this.assignmentStrategy = builder.assignmentStrategy;
        this.sessionTimeout = builder.sessionTimeout;
        this.heartbeatInterval = builder.heartbeatInterval;
        this.rebalanceTimeout = builder.rebalanceTimeout;
        this.rebalanceMaxRetries = builder.rebalanceMaxRetries;
        this.rebalanceBackoff = builder.rebalanceBackoff;
        this.groupInstanceId = builder.groupInstanceId;
        this.rebalanceListener = builder.rebalanceListener;
        this.maxPollInterval = builder.maxPollInterval;
        this.kafkaClientsProperties = Map.copyOf(builder.kafkaClientsProperties);
    }

    /** The defaults. */
    public static ConsumerConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.consumerGroup = consumerGroup;
        builder.autoCommit = autoCommit;
        builder.autoCommitInterval = autoCommitInterval;
        builder.autoOffsetReset = autoOffsetReset;
        builder.consumerTimeout = consumerTimeout;
        builder.partitions = new TreeSet<>(partitions);
        builder.queuedMaxMessages = queuedMaxMessages;
        builder.fetchMinBytes = fetchMinBytes;
        builder.fetchMaxWait = fetchMaxWait;
        builder.fetchMaxBytes = fetchMaxBytes;
        builder.maxPartitionFetchBytes = maxPartitionFetchBytes;
        builder.isolationLevel = isolationLevel;
        builder.checkCrcs = checkCrcs;
        builder.backend = backend;
        builder.zookeeperConnect = zookeeperConnect;
        builder.managed = managed;
        builder.assignmentStrategy = assignmentStrategy;
        builder.sessionTimeout = sessionTimeout;
        builder.heartbeatInterval = heartbeatInterval;
        builder.rebalanceTimeout = rebalanceTimeout;
        builder.rebalanceMaxRetries = rebalanceMaxRetries;
        builder.rebalanceBackoff = rebalanceBackoff;
        builder.groupInstanceId = groupInstanceId;
        builder.rebalanceListener = rebalanceListener;
        builder.maxPollInterval = maxPollInterval;
        builder.kafkaClientsProperties = kafkaClientsProperties;
        return builder;
    }

    /** This configuration restricted to the given partitions (PyKafka's {@code partitions=} argument). */
    public ConsumerConfig withPartitions(Partition... chosen) {
        return toBuilder().partitions(Arrays.stream(chosen).mapToInt(Partition::id).toArray()).build();
    }

    /** The consumer group whose offsets are read at start and committed, if any. */
    public Optional<String> consumerGroup() {
        return Optional.ofNullable(consumerGroup);
    }

    /** Whether offsets are committed every {@link #autoCommitInterval()} and on close. */
    public boolean autoCommit() {
        return autoCommit;
    }

    public Duration autoCommitInterval() {
        return autoCommitInterval;
    }

    /** Where to start without a committed offset, or when the offset left the log. */
    public OffsetReset autoOffsetReset() {
        return autoOffsetReset;
    }

    /** How long iteration waits for a new message before it ends; empty: forever. */
    public Optional<Duration> consumerTimeout() {
        return Optional.ofNullable(consumerTimeout);
    }

    /** The partitions to read; empty: all of the topic's. */
    public Set<Integer> partitions() {
        return partitions;
    }

    /** How many fetched records a partition may hold before fetching for it pauses. */
    public int queuedMaxMessages() {
        return queuedMaxMessages;
    }

    public int fetchMinBytes() {
        return fetchMinBytes;
    }

    public Duration fetchMaxWait() {
        return fetchMaxWait;
    }

    public int fetchMaxBytes() {
        return fetchMaxBytes;
    }

    public int maxPartitionFetchBytes() {
        return maxPartitionFetchBytes;
    }

    public IsolationLevel isolationLevel() {
        return isolationLevel;
    }

    /** Whether each fetched batch's CRC32C is verified. */
    public boolean checkCrcs() {
        return checkCrcs;
    }

    /** The engine fetching records: Gregor's own ({@code NATIVE}) or {@code KAFKA_CLIENTS}. */
    public Backend backend() {
        return backend;
    }

    /** For a balanced consumer coordinated through ZooKeeper: the connect string (a chroot path is allowed). */
    public Optional<String> zookeeperConnect() {
        return Optional.ofNullable(zookeeperConnect);
    }

    /** For a balanced consumer coordinated by Kafka's group coordinator (PyKafka's "managed"). */
    public boolean managed() {
        return managed;
    }

    /** How a balanced group shares the partitions. */
    public AssignmentStrategy assignmentStrategy() {
        return assignmentStrategy;
    }

    /** How long a silent member stays in the group (ZooKeeper session or Kafka group session). */
    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    /** How often a managed member tells the coordinator it is alive. */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** How long the coordinator waits for every member to rejoin during a rebalance. */
    public Duration rebalanceTimeout() {
        return rebalanceTimeout;
    }

    /** How often a ZooKeeper member retries claiming a partition its previous owner has not released yet. */
    public int rebalanceMaxRetries() {
        return rebalanceMaxRetries;
    }

    /** The wait between such retries. */
    public Duration rebalanceBackoff() {
        return rebalanceBackoff;
    }

    /** A managed member's static id ({@code group.instance.id}), if it uses static membership. */
    public Optional<String> groupInstanceId() {
        return Optional.ofNullable(groupInstanceId);
    }

    /** Told of every assignment change of a balanced consumer. */
    public RebalanceListener rebalanceListener() {
        return rebalanceListener;
    }

    /**
     * How long a managed member may go without a {@code consume} call before it leaves its group, so that its
     * partitions move to members that are making progress (it rejoins at its next {@code consume}).
     */
    public Duration maxPollInterval() {
        return maxPollInterval;
    }

    /** Extra {@code KafkaConsumer} properties for the {@code KAFKA_CLIENTS} backend, applied over Gregor's own. */
    public Map<String, String> kafkaClientsProperties() {
        return kafkaClientsProperties;
    }

    /** Builds a {@link ConsumerConfig}. */
    public static final class Builder {

        private String consumerGroup;
        private boolean autoCommit;
        private Duration autoCommitInterval = Duration.ofSeconds(5);
        private OffsetReset autoOffsetReset = OffsetReset.EARLIEST;
        private Duration consumerTimeout;
        private Set<Integer> partitions = new TreeSet<>();
        private int queuedMaxMessages = 2_000;
        private int fetchMinBytes = 1;
        private Duration fetchMaxWait = Duration.ofMillis(100);
        private int fetchMaxBytes = 50 * 1024 * 1024;
        private int maxPartitionFetchBytes = 1024 * 1024;
        private IsolationLevel isolationLevel = IsolationLevel.READ_UNCOMMITTED;
        private boolean checkCrcs = true;
        private Backend backend = Backend.NATIVE;
        private String zookeeperConnect;
        private boolean managed;
        private AssignmentStrategy assignmentStrategy = AssignmentStrategy.range();
        private Duration sessionTimeout = Duration.ofSeconds(10);
        private Duration heartbeatInterval = Duration.ofSeconds(3);
        private Duration rebalanceTimeout = Duration.ofSeconds(60);
        private int rebalanceMaxRetries = 5;
        private Duration rebalanceBackoff = Duration.ofSeconds(2);
        private String groupInstanceId;
        private RebalanceListener rebalanceListener = new RebalanceListener() { };
        private Duration maxPollInterval = Duration.ofMinutes(5);
        private Map<String, String> kafkaClientsProperties = Map.of();

        private Builder() {
        }

        /** Balance through ZooKeeper at this connect string ({@code host:port[,host:port][/chroot]}). */
        public Builder zookeeperConnect(String connect) {
            if (connect != null && connect.isBlank()) {
                throw new InvalidConfigException("zookeeperConnect", "'" + connect + "'", "host:port[/chroot], or null");
            }
            this.zookeeperConnect = connect;
            return this;
        }

        /** Balance through Kafka's group coordinator. Default false. */
        public Builder managed(boolean enabled) {
            this.managed = enabled;
            return this;
        }

        /** How the group shares partitions. Default {@link AssignmentStrategy#range()}. */
        public Builder assignmentStrategy(AssignmentStrategy strategy) {
            this.assignmentStrategy = Objects.requireNonNull(strategy, "assignmentStrategy");
            return this;
        }

        /** How long a silent member stays in the group (1 s to 10 min). Default 10 s. */
        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = within("sessionTimeout", timeout, Duration.ofSeconds(1), Duration.ofMinutes(10));
            return this;
        }

        /** How often a managed member heartbeats (100 ms to 1 min). Default 3 s. */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = within("heartbeatInterval", interval, Duration.ofMillis(100), Duration.ofMinutes(1));
            return this;
        }

        /** How long the coordinator waits for members to rejoin (1 s to 30 min). Default 60 s. */
        public Builder rebalanceTimeout(Duration timeout) {
            this.rebalanceTimeout = within("rebalanceTimeout", timeout, Duration.ofSeconds(1), Duration.ofMinutes(30));
            return this;
        }

        /** Claim retries of a ZooKeeper member (0 to 100). Default 5. */
        public Builder rebalanceMaxRetries(int retries) {
            this.rebalanceMaxRetries = within("rebalanceMaxRetries", retries, 0, 100);
            return this;
        }

        /** The wait between claim retries (10 ms to 1 min). Default 2 s. */
        public Builder rebalanceBackoff(Duration backoff) {
            this.rebalanceBackoff = within("rebalanceBackoff", backoff, Duration.ofMillis(10), Duration.ofMinutes(1));
            return this;
        }

        /** A static member id for a managed member (KIP-345); null for dynamic membership. Default null. */
        public Builder groupInstanceId(String instanceId) {
            this.groupInstanceId = instanceId;
            return this;
        }

        /** The longest a managed member may go without consuming before it leaves (1 s to 1 day). Default 5 min. */
        public Builder maxPollInterval(Duration interval) {
            this.maxPollInterval = within("maxPollInterval", interval, Duration.ofSeconds(1), Duration.ofDays(1));
            return this;
        }

        /** Told of assignment changes. Default: nobody. */
        public Builder rebalanceListener(RebalanceListener listener) {
            this.rebalanceListener = Objects.requireNonNull(listener, "rebalanceListener");
            return this;
        }

        /** Store and resume offsets under this consumer group. Default: none. */
        public Builder consumerGroup(String group) {
            if (group != null && group.isBlank()) {
                throw new InvalidConfigException("consumerGroup", "'" + group + "'", "a non-blank group name, or null for none");
            }
            this.consumerGroup = group;
            return this;
        }

        /** Commit offsets periodically and on close (needs a consumer group). Default false. */
        public Builder autoCommit(boolean enabled) {
            this.autoCommit = enabled;
            return this;
        }

        /** How often auto-commit commits (100 ms to 1 hour). Default 5 s. */
        public Builder autoCommitInterval(Duration interval) {
            this.autoCommitInterval = within("autoCommitInterval", interval, Duration.ofMillis(100), Duration.ofHours(1));
            return this;
        }

        /** Where to start without a committed offset. Default {@link OffsetReset#EARLIEST}. */
        public Builder autoOffsetReset(OffsetReset reset) {
            this.autoOffsetReset = Objects.requireNonNull(reset, "autoOffsetReset");
            return this;
        }

        /** End iteration after this long without a new message; null: never. Default: never. */
        public Builder consumerTimeout(Duration timeout) {
            this.consumerTimeout = timeout == null ? null : within("consumerTimeout", timeout, Duration.ZERO, Duration.ofDays(365));
            return this;
        }

        /** Read only these partitions. Default: all. */
        public Builder partitions(int... ids) {
            Set<Integer> chosen = new TreeSet<>();
            for (int id : ids) {
                if (id < 0) {
                    throw new InvalidConfigException("partitions", id, "partition ids of 0 or more");
                }
                chosen.add(id);
            }
            this.partitions = chosen;
            return this;
        }

        /** Records buffered per partition before its fetching pauses (1 to 1,000,000). Default 2,000. */
        public Builder queuedMaxMessages(int records) {
            this.queuedMaxMessages = within("queuedMaxMessages", records, 1, 1_000_000);
            return this;
        }

        /** The least data a fetch waits for (1 B to 10 MiB). Default 1 byte. */
        public Builder fetchMinBytes(int bytes) {
            this.fetchMinBytes = within("fetchMinBytes", bytes, 1, 10 * 1024 * 1024);
            return this;
        }

        /** The longest a fetch waits for {@code fetchMinBytes} (0 to 30 s). Default 100 ms. */
        public Builder fetchMaxWait(Duration wait) {
            this.fetchMaxWait = within("fetchMaxWait", wait, Duration.ZERO, Duration.ofSeconds(30));
            return this;
        }

        /** The most data one fetch returns (1 KiB to 100 MiB). Default 50 MiB. */
        public Builder fetchMaxBytes(int bytes) {
            this.fetchMaxBytes = within("fetchMaxBytes", bytes, 1024, 100 * 1024 * 1024);
            return this;
        }

        /** The most data one fetch returns per partition (1 KiB to 100 MiB). Default 1 MiB. */
        public Builder maxPartitionFetchBytes(int bytes) {
            this.maxPartitionFetchBytes = within("maxPartitionFetchBytes", bytes, 1024, 100 * 1024 * 1024);
            return this;
        }

        /** Which transactional records to see. Default {@link IsolationLevel#READ_UNCOMMITTED}. */
        public Builder isolationLevel(IsolationLevel level) {
            this.isolationLevel = Objects.requireNonNull(level, "isolationLevel");
            return this;
        }

        /**
         * The engine fetching records: {@code NATIVE} (default) or {@code KAFKA_CLIENTS}, which needs
         * {@code dev.gregor:gregor-backend-kafka-clients} on the class path. Group membership and commits stay Gregor's.
         */
        public Builder backend(Backend value) {
            this.backend = Objects.requireNonNull(value, "backend");
            return this;
        }

        /**
         * Extra {@code KafkaConsumer} properties ({@code name -> value}) for the {@code KAFKA_CLIENTS} backend, applied
         * over the ones Gregor derives from this configuration; the {@code NATIVE} backend takes none. Names Gregor
         * decides itself (its group membership and commits, or a setting of this builder) are refused, naming what to
         * set instead. Default: none.
         */
        public Builder kafkaClientsProperties(Map<String, String> properties) {
            Objects.requireNonNull(properties, "kafkaClientsProperties");
            properties.keySet().forEach(KafkaClientsPropertyNames::requireFree);
            this.kafkaClientsProperties = Map.copyOf(properties);
            return this;
        }

        /** Verify each batch's CRC32C. Default true. */
        public Builder checkCrcs(boolean enabled) {
            this.checkCrcs = enabled;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws InvalidConfigException if auto-commit is on without a consumer group
         */
        public ConsumerConfig build() {
            if (zookeeperConnect != null && managed) {
                throw new InvalidConfigException("managed", true, "false when zookeeperConnect is set: choose one coordinator");
            }
            if (heartbeatInterval.compareTo(sessionTimeout) >= 0) {
                throw new InvalidConfigException("heartbeatInterval", heartbeatInterval, "less than sessionTimeout (" + sessionTimeout + ")");
            }
            if (backend == Backend.NATIVE && !kafkaClientsProperties.isEmpty()) {
                throw new InvalidConfigException("kafkaClientsProperties", new TreeSet<>(kafkaClientsProperties.keySet()),
                        "none with the NATIVE backend, which has no use for kafka-clients properties (use backend"
                                + " KAFKA_CLIENTS for them, or this builder's own settings)");
            }
            if (autoCommit && consumerGroup == null) {
                throw new InvalidConfigException("autoCommit", true, "false unless a consumerGroup is set (offsets are committed for a group)");
            }
            return new ConsumerConfig(this);
        }
    }
}
