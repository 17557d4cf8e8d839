package dev.gregor;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;


import dev.gregor.admin.Admin;
import dev.gregor.admin.TopicSpec;
import dev.gregor.consumer.BalancedMultiTopicConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.MultiTopicConsumer;
import dev.gregor.consumer.TransactionalConsumer;
import dev.gregor.internal.admin.NativeAdmin;
import dev.gregor.internal.async.Futures;
import dev.gregor.internal.async.Retries;
import dev.gregor.internal.client.OffsetLookup;
import dev.gregor.internal.client.TopicAdmin;
import dev.gregor.internal.client.TopicCreation;
import dev.gregor.internal.consumer.Consumers;
import dev.gregor.internal.consumer.NativeMultiTopicConsumer;
import dev.gregor.internal.consumer.NativeTransactionalConsumer;
import dev.gregor.internal.engine.Backends;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.engine.ClientSettings;
import dev.gregor.internal.engine.ProducerEngine;
import dev.gregor.internal.engine.ProducerEngines;
import dev.gregor.internal.metadata.ClusterSnapshot;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.metadata.TopicMetadata;
import dev.gregor.internal.metrics.ClientCounters;
import dev.gregor.internal.network.BrokerAddress;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.network.NetworkCounters;
import dev.gregor.internal.network.NetworkSettings;
import dev.gregor.internal.network.SecuritySettings;
import dev.gregor.internal.network.Transport;
import dev.gregor.internal.producer.ProducerHandle;
import dev.gregor.internal.security.TlsContexts;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.security.SaslConfig;
import dev.gregor.security.SecurityProtocol;
import dev.gregor.security.TlsConfig;
import io.netty.buffer.PooledByteBufAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gregor's entry point: a connection to a Kafka cluster, from which topics, brokers and cluster metadata flow.
 * Tell it where the cluster is; it finds the brokers, follows leadership changes, reconnects and retries.
 *
 * <pre>{@code
 * try (KafkaClient client = KafkaClient.connect("localhost:9092")) {
 *     Topic orders = client.topic("orders");
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Closing it closes every producer and consumer made from it.
 */
public final class KafkaClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaClient.class);

    private final String bootstrapServers;
    private final String clientId;
    private final Duration apiTimeout;
    private final boolean autoCreateTopics;
    private final Transport transport;
    private final BrokerConnections connections;
    private final MetadataCache metadata;
    private final TopicAdmin admin;
    private final TopicCreation creation;
    private final Admin administration;
    private final OffsetLookup offsets;
    private final ClientContext context;
    private final ClientCounters counters;
    private final ProducerEngines producerEngines = new ProducerEngines(this::startProducerEngine);
    private final Map<AutoCloseable, Boolean> children = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Takes what it keeps of {@code config} now, so later changes to the builder never reach this client. */
    private KafkaClient(Builder config) {
        this.bootstrapServers = config.bootstrapServers;
        this.clientId = config.clientId;
        this.apiTimeout = config.apiTimeout;
        this.autoCreateTopics = config.autoCreateTopics;
        List<BrokerAddress> bootstrap = BrokerAddress.parseList(config.bootstrapServers);
        this.counters = new ClientCounters(config.latencyListener);
        this.transport = new Transport(new NetworkSettings(config.clientId, config.connectTimeout, config.requestTimeout,
                config.reconnectBackoff, config.reconnectBackoffMax, config.maxResponseSize, config.securitySettings()),
                config.ioThreads, counters);
        this.connections = new BrokerConnections(transport);
        this.metadata = new MetadataCache(connections, bootstrap, config.metadataMaxAge);
        metadata.refreshPeriodically(transport.scheduler());
        this.admin = new TopicAdmin(metadata, config.requestTimeout);
        this.offsets = new OffsetLookup(metadata, connections);
        this.creation = new TopicCreation(admin, metadata, offsets, config.apiTimeout);
        this.context = new ClientContext(metadata, connections, config.requestTimeout, config.apiTimeout,
                transport.scheduler(), PooledByteBufAllocator.DEFAULT,
                this::adopt, this::release, new ClientSettings(config.bootstrapServers, config.clientId,
                        config.securityProtocol, config.tls, config.sasl),
                backend -> backend == Backend.NATIVE ? NativeBackend.INSTANCE : Backends.provider(backend), counters);
        this.administration = new NativeAdmin(context);
    }

    private ProducerEngine startProducerEngine(ProducerConfig config) {
        return context.backend(config.backend()).producerEngine(context, config);
    }

    /** A client for the cluster at {@code bootstrapServers} ({@code "host:port,host:port"}) with default settings. */
    public static KafkaClient connect(String bootstrapServers) {
        return builder().bootstrapServers(bootstrapServers).build();
    }

    /** A builder for a client with non-default settings. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every topic of the cluster by name, freshly read from the brokers; without Kafka's internal topics
     * ({@code __consumer_offsets}, {@code __transaction_state}, {@code __share_group_state}).
     */
    public Map<String, Topic> topics() {
        return topics(false);
    }

    /** Every topic of the cluster by name, freshly read from the brokers; Kafka's internal ones too if asked. */
    public Map<String, Topic> topics(boolean includeInternal) {
        ClusterSnapshot snapshot = await(Retries.untilDeadline(metadata::refreshAll, apiTimeout), "Listing topics");
        Map<String, Topic> topics = new TreeMap<>();
        snapshot.topics().values().stream().filter(topic -> includeInternal || !topic.internal())
                .forEach(topic -> topics.put(topic.name(), new Topic(this, topic.name())));
        return Collections.unmodifiableMap(topics);
    }

    /**
     * The topic called {@code name}.
     *
     * @throws UnknownTopicException if the cluster has no such topic and {@code autoCreateTopics} is off; with it on,
     *                               the topic is created with the brokers' default partitions and replication
     */
    public Topic topic(String name) {
        requireOpen();
        Objects.requireNonNull(name, "name");
        try {
            describe(name);
        } catch (UnknownTopicException missing) {
            if (!autoCreateTopics) {
                throw missing;
            }
            creation.createIfMissing(name, TopicSpec.BROKER_DEFAULT, TopicSpec.BROKER_DEFAULT);
        }
        return new Topic(this, name);
    }

    /**
     * Creates a topic and returns it once every partition has a leader. An attempt whose answer is lost (the
     * connection closed) is retried; if the retry finds the topic with the partitions and replication factor asked
     * for, the lost attempt is taken to have created it (from outside, that cannot be told from someone else
     * creating the same topic meanwhile).
     *
     * @throws TopicExistsException if it exists already
     */
    public Topic createTopic(String name, int partitions, int replicationFactor) {
        requireOpen();
        Objects.requireNonNull(name, "name");
        creation.create(TopicSpec.of(name, partitions, replicationFactor));
        return new Topic(this, name);
    }

    /**
     * The topic called {@code name}, created with {@code partitions} and {@code replicationFactor} if the cluster
     * has no such topic yet; an existing topic is returned as it is, whatever its partitions. Safe to run on every
     * start of a program, and by several programs at once.
     */
    public Topic createTopicIfMissing(String name, int partitions, int replicationFactor) {
        requireOpen();
        Objects.requireNonNull(name, "name");
        try {
            describe(name);
        } catch (UnknownTopicException missing) {
            creation.createIfMissing(name, partitions, replicationFactor);
        }
        return new Topic(this, name);
    }

    /** Deletes a topic and all its records. */
    public void deleteTopic(String name) {
        requireOpen();
        await(Retries.untilDeadline(() -> admin.delete(name), apiTimeout), "Deleting topic '" + name + "'");
    }

    /**
     * A consumer of every partition of {@code topics}, through one fetch pipeline, without coordinating with other
     * consumers ({@code config}'s group, if any, stores its offsets). The topics must exist; one deleted later is
     * dropped. {@code config.partitions()} (ids of one topic) is refused: hand-pick partitions with
     * {@link #simpleConsumer(ConsumerConfig, List)}.
     *
     * @throws UnknownTopicException if a topic does not exist
     */
    public MultiTopicConsumer simpleConsumer(ConsumerConfig config, Collection<String> topics) {
        requireOpen();
        return Consumers.simple(context, config, topics);
    }

    /**
     * A consumer of every partition of the topics whose whole name {@code topics} matches (never Kafka's internal
     * ones), now and as topics appear: a new matching topic is read within {@code metadataMaxAge}. None need match
     * yet. Otherwise as {@link #simpleConsumer(ConsumerConfig, Collection)}.
     */
    public MultiTopicConsumer simpleConsumer(ConsumerConfig config, Pattern topics) {
        requireOpen();
        return Consumers.simple(context, config, topics);
    }

    /**
     * A consumer of exactly {@code partitions}, of any topics. Otherwise as
     * {@link #simpleConsumer(ConsumerConfig, Collection)}.
     *
     * @throws UnknownPartitionException if a topic has no such partition
     */
    public MultiTopicConsumer simpleConsumer(ConsumerConfig config, List<TopicPartition> partitions) {
        requireOpen();
        return Consumers.simple(context, config, partitions);
    }

    /**
     * A consumer sharing the partitions of {@code topics} with the other members of {@code config}'s consumer group,
     * coordinated by Kafka's group coordinator ({@code managed(true)}) or through ZooKeeper
     * ({@code zookeeperConnect}). It has joined the group when this returns.
     */
    public BalancedMultiTopicConsumer balancedConsumer(ConsumerConfig config, Collection<String> topics) {
        requireOpen();
        return Consumers.balanced(context, config, topics);
    }

    /**
     * As {@link #balancedConsumer(ConsumerConfig, Collection)}, over the topics whose whole name {@code topics}
     * matches, now and as topics appear.
     */
    public BalancedMultiTopicConsumer balancedConsumer(ConsumerConfig config, Pattern topics) {
        requireOpen();
        return Consumers.balanced(context, config, topics);
    }

    /**
     * Consume-transform-produce with exactly-once results: a balanced consumer of {@code topics} in
     * {@code consumerConfig}'s group (managed or ZooKeeper; {@code autoCommit} off) whose offsets commit in the
     * transactions of a producer made with {@code producerConfig}, which needs a {@code transactionalId}. See
     * {@link TransactionalConsumer}. It has joined the group when this returns.
     */
    public TransactionalConsumer transactionalConsumer(ConsumerConfig consumerConfig, ProducerConfig producerConfig,
                                                       Collection<String> topics) {
        requireOpen();
        return new NativeTransactionalConsumer(consumerConfig, producerConfig, this::producer,
                config -> Consumers.balanced(context, config, topics));
    }

    /**
     * As {@link #transactionalConsumer(ConsumerConfig, ProducerConfig, Collection)}, over the topics whose whole name
     * {@code topics} matches, now and as topics appear.
     */
    public TransactionalConsumer transactionalConsumer(ConsumerConfig consumerConfig, ProducerConfig producerConfig,
                                                       Pattern topics) {
        requireOpen();
        return new NativeTransactionalConsumer(consumerConfig, producerConfig, this::producer,
                config -> Consumers.balanced(context, config, topics));
    }

    /** A producer for any topic, named at each call ({@code send("orders", record)}), with the default configuration. */
    public Producer producer() {
        return producer(ProducerConfig.defaults());
    }

    /**
     * A producer for any topic, named at each call ({@code send("orders", record)}), configured by {@code config};
     * it runs on the client's shared engine for those engine settings (see {@link Producer}).
     */
    public Producer producer(ProducerConfig config) {
        requireOpen();
        return new ProducerHandle(context, producerEngines, null, config);
    }

    Producer producer(String topic, ProducerConfig config) {
        return new ProducerHandle(context, producerEngines, topic, config);
    }

    /** The live brokers, by id. */
    public List<Broker> brokers() {
        return freshSnapshot().sortedBrokers();
    }

    /** The cluster's id, controller and brokers. */
    public Cluster cluster() {
        return freshSnapshot().cluster();
    }

    /**
     * The cluster's administration: topics, configs, records, consumer groups and their offsets, the cluster's brokers
     * and API versions.
     */
    public Admin admin() {
        requireOpen();
        return administration;
    }

    /** The client id sent with every request. */
    public String clientId() {
        return clientId;
    }

    /**
     * The client's running totals: records and bytes sent and fetched, connections, rebalances and request latencies.
     * The same live view on every call.
     */
    public ClientMetrics metrics() {
        return counters;
    }

    /** Connection and authentication totals, for tests in this package. */
    NetworkCounters networkCounters() {
        return transport.counters();
    }

    /** Closes every producer and consumer made from this client, then all connections. Safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<AutoCloseable> open = List.copyOf(children.keySet());
        // Closing one child can take a while (a final commit, leaving a group); no consuming thread waits meanwhile.
        open.stream().filter(NativeMultiTopicConsumer.class::isInstance)
                .forEach(consumer -> ((NativeMultiTopicConsumer) consumer).stopConsuming());
        for (AutoCloseable child : open) {
            try {
                child.close();
            } catch (Exception e) {
                log.warn("Closing {} failed", child, e);
            }
        }
        producerEngines.closeAll();
        connections.close();
        transport.close();
    }

    @Override
    public String toString() {
        return "KafkaClient[" + bootstrapServers + ", clientId=" + clientId + "]";
    }

    TopicMetadata describe(String topic) {
        return await(Retries.untilDeadline(() -> metadata.topic(topic), apiTimeout),
                "Looking up topic '" + topic + "'");
    }

    Map<Integer, Long> offsets(String topic, long timestamp) {
        return await(Retries.untilDeadline(() -> offsets.offsets(topic, timestamp), apiTimeout),
                "Looking up offsets of topic '" + topic + "'");
    }

    ClientContext context() {
        return context;
    }

    /** Registers something made from this client so that closing the client closes it. */
    void adopt(AutoCloseable child) {
        requireOpen();
        children.put(child, Boolean.TRUE);
    }

    /** Forgets a child that closed by itself. */
    void release(AutoCloseable child) {
        children.remove(child);
    }

    void requireOpen() {
        if (closed) {
            throw new ClientClosedException("KafkaClient for " + bootstrapServers);
        }
    }

    private ClusterSnapshot freshSnapshot() {
        requireOpen();
        return await(Retries.untilDeadline(metadata::refreshAll, apiTimeout), "Reading cluster metadata");
    }

    private <T> T await(CompletableFuture<T> future, String operation) {
        return Futures.await(future, apiTimeout, operation);
    }

    /** Settings of a {@link KafkaClient}; every value is checked when set, naming the property and allowed range. */
    public static final class Builder {

        private String bootstrapServers;
        private String clientId = "gregor";
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration apiTimeout = Duration.ofSeconds(60);
        private Duration metadataMaxAge = Duration.ofMinutes(5);
        private Duration reconnectBackoff = Duration.ofMillis(50);
        private Duration reconnectBackoffMax = Duration.ofSeconds(1);
        private boolean autoCreateTopics;
        private int maxResponseSize = 100 * 1024 * 1024;
        private int ioThreads = 1;
        private SecurityProtocol securityProtocol = SecurityProtocol.PLAINTEXT;
        private TlsConfig tls;
        private SaslConfig sasl;
        private RequestLatencyListener latencyListener;

        private Builder() {
        }

        /** The brokers to start from, {@code "host:port,host:port"}; the others are found through them. Required. */
        public Builder bootstrapServers(String bootstrapServers) {
            BrokerAddress.parseList(bootstrapServers);
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        /** The client id sent with every request (broker logs, quotas). Default {@code gregor}. */
        public Builder clientId(String clientId) {
            if (clientId == null || clientId.isBlank()) {
                throw new InvalidConfigException("clientId", clientId, "a non-blank string");
            }
            this.clientId = clientId;
            return this;
        }

        /** How long opening a connection may take. Default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /** How long to wait for any one response before dropping the connection. Default 30 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive("requestTimeout", timeout);
            return this;
        }

        /** How long blocking calls (topic lookups, offsets, admin) may take, retries included. Default 60 s. */
        public Builder apiTimeout(Duration timeout) {
            this.apiTimeout = positive("apiTimeout", timeout);
            return this;
        }

        /** Metadata older than this is refreshed before use. Default 5 min. */
        public Builder metadataMaxAge(Duration maxAge) {
            this.metadataMaxAge = positive("metadataMaxAge", maxAge);
            return this;
        }

        /** The first wait before reconnecting to a failed broker; doubles up to {@code max}. Default 50 ms to 1 s. */
        public Builder reconnectBackoff(Duration initial, Duration max) {
            this.reconnectBackoff = positive("reconnectBackoff", initial);
            this.reconnectBackoffMax = positive("reconnectBackoffMax", max);
            if (max.compareTo(initial) < 0) {
                throw new InvalidConfigException("reconnectBackoffMax", max, "at least reconnectBackoff (" + initial + ")");
            }
            return this;
        }

        /** Whether {@link KafkaClient#topic(String)} creates missing topics (broker defaults). Default false. */
        public Builder autoCreateTopics(boolean enabled) {
            this.autoCreateTopics = enabled;
            return this;
        }

        /** The largest response accepted from a broker, in bytes. Default 100 MiB. */
        public Builder maxResponseSize(int bytes) {
            if (bytes < 1024) {
                throw new InvalidConfigException("maxResponseSize", bytes, "1024 bytes or more");
            }
            this.maxResponseSize = bytes;
            return this;
        }

        /** Netty I/O threads for this client. Default 1, plenty for most applications. */
        public Builder ioThreads(int threads) {
            if (threads < 1 || threads > 64) {
                throw new InvalidConfigException("ioThreads", threads, "1 to 64");
            }
            this.ioThreads = threads;
            return this;
        }

        /**
         * How connections are protected: {@code PLAINTEXT} (default), {@code SSL}, {@code SASL_PLAINTEXT} or
         * {@code SASL_SSL}. The SASL protocols need {@link #sasl(SaslConfig)}; the TLS ones use {@link #tls(TlsConfig)}
         * or, without it, the JDK's default trust store with host name verification.
         */
        public Builder securityProtocol(SecurityProtocol protocol) {
            this.securityProtocol = java.util.Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** TLS trust and key material, for {@code SSL} and {@code SASL_SSL}. */
        public Builder tls(TlsConfig tls) {
            this.tls = java.util.Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** SASL credentials, for {@code SASL_SSL} and {@code SASL_PLAINTEXT}. */
        public Builder sasl(SaslConfig sasl) {
            this.sasl = java.util.Objects.requireNonNull(sasl, "sasl");
            return this;
        }

        /**
         * Told of every answered request's latency, by API, on the client's I/O thread (a timer per API, say); the
         * totals are in {@link KafkaClient#metrics()} without it. Default: nobody.
         */
        public Builder requestLatencyListener(RequestLatencyListener listener) {
            this.latencyListener = java.util.Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Creates the client. Connections open lazily, so this succeeds even while the brokers are down. */
        public KafkaClient build() {
            if (bootstrapServers == null) {
                throw new InvalidConfigException("bootstrapServers", null, "a list of host:port, e.g. localhost:9092");
            }
            checkSecurity();
            return new KafkaClient(this);
        }

        private void checkSecurity() {
            if (securityProtocol.usesSasl() && sasl == null) {
                throw new InvalidConfigException("sasl", null, "SASL credentials (SaslConfig.plain/scramSha256/"
                        + "scramSha512/oauthBearer), which securityProtocol " + securityProtocol + " needs");
            }
            if (!securityProtocol.usesSasl() && sasl != null) {
                throw new InvalidConfigException("securityProtocol", securityProtocol, "SASL_SSL or SASL_PLAINTEXT,"
                        + " since SASL credentials are set (" + sasl + ")");
            }
            if (!securityProtocol.usesTls() && tls != null) {
                throw new InvalidConfigException("securityProtocol", securityProtocol, "SSL or SASL_SSL, since TLS"
                        + " settings are set");
            }
        }

        private SecuritySettings securitySettings() {
            if (securityProtocol == SecurityProtocol.PLAINTEXT) {
                return SecuritySettings.PLAINTEXT;
            }
            TlsConfig effectiveTls = tls != null ? tls : TlsConfig.builder().build();
            return new SecuritySettings(securityProtocol,
                    securityProtocol.usesTls() ? TlsContexts.clientContext(effectiveTls) : null, sasl);
        }

        private static Duration positive(String property, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new InvalidConfigException(property, value, "a positive duration");
            }
            return value;
        }
    }
}
