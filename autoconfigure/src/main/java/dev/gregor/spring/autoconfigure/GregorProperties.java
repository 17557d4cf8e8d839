package dev.gregor.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gregor.Backend;
import dev.gregor.consumer.IsolationLevel;
import dev.gregor.consumer.OffsetReset;
import dev.gregor.producer.Acks;
import dev.gregor.producer.Compression;
import dev.gregor.security.SaslMechanism;
import dev.gregor.security.SecurityProtocol;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Configuration properties for Gregor, under {@code gregor.*}. */
@ConfigurationProperties("gregor")
public class GregorProperties {

    /** Kafka brokers to bootstrap from, as host:port pairs separated by commas. Unset: the embedded cluster, if on the class path. */
    private @Nullable String bootstrapServers;

    /** Client id sent with every request (broker logs, quotas). */
    private String clientId = "gregor";

    /** How long blocking calls (topic lookups, admin, synchronous sends) may take, retries included. */
    private Duration apiTimeout = Duration.ofSeconds(60);

    /**
     * Metadata older than this is read again; also how soon a topic created later joins a listener whose
     * topic-pattern matches it.
     */
    private Duration metadataMaxAge = Duration.ofMinutes(5);

    /** Whether a topic that does not exist is created (with the brokers' default partitions and replication) when the template or a listener first uses it. */
    private boolean autoCreateTopics;

    private final Security security = new Security();

    private final Ssl ssl = new Ssl();

    private final Sasl sasl = new Sasl();

    private final Producer producer = new Producer();

    private final Template template = new Template();

    private final Consumer consumer = new Consumer();

    private final Listener listener = new Listener();

    private final Embedded embedded = new Embedded();

    public @Nullable String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(@Nullable String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public Duration getApiTimeout() {
        return apiTimeout;
    }

    public void setApiTimeout(Duration apiTimeout) {
        this.apiTimeout = apiTimeout;
    }

    public Duration getMetadataMaxAge() {
        return metadataMaxAge;
    }

    public void setMetadataMaxAge(Duration metadataMaxAge) {
        this.metadataMaxAge = metadataMaxAge;
    }

    public boolean isAutoCreateTopics() {
        return autoCreateTopics;
    }

    public void setAutoCreateTopics(boolean autoCreateTopics) {
        this.autoCreateTopics = autoCreateTopics;
    }

    public Security getSecurity() {
        return security;
    }

    public Ssl getSsl() {
        return ssl;
    }

    public Sasl getSasl() {
        return sasl;
    }

    public Producer getProducer() {
        return producer;
    }

    public Template getTemplate() {
        return template;
    }

    public Consumer getConsumer() {
        return consumer;
    }

    public Listener getListener() {
        return listener;
    }


    public Embedded getEmbedded() {
        return embedded;
    }

    /** How connections are protected. */
    public static class Security {

        /** Security protocol: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. */
        private SecurityProtocol protocol = SecurityProtocol.PLAINTEXT;

        public SecurityProtocol getProtocol() {
            return protocol;
        }

        public void setProtocol(SecurityProtocol protocol) {
            this.protocol = protocol;
        }
    }

    /** TLS material, from Spring Boot's SSL bundles. */
    public static class Ssl {

        /** Name of the SSL bundle (spring.ssl.bundle.*) with the trust and key material. Unset: the JDK's default trust store. */
        private @Nullable String bundle;

        /** Whether the broker's certificate must match its host name. Turn off for test clusters only. */
        private boolean hostnameVerification = true;

        public @Nullable String getBundle() {
            return bundle;
        }

        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }

        public boolean isHostnameVerification() {
            return hostnameVerification;
        }

        public void setHostnameVerification(boolean hostnameVerification) {
            this.hostnameVerification = hostnameVerification;
        }
    }

    /** SASL credentials. */
    public static class Sasl {

        /** SASL mechanism: PLAIN, SCRAM_SHA_256, SCRAM_SHA_512 or OAUTHBEARER (with an OAuthBearerTokenProvider bean). */
        private SaslMechanism mechanism = SaslMechanism.SCRAM_SHA_512;

        /** User name for PLAIN and SCRAM. */
        private @Nullable String username;

        /** Password for PLAIN and SCRAM. */
        private @Nullable String password;

        public SaslMechanism getMechanism() {
            return mechanism;
        }

        public void setMechanism(SaslMechanism mechanism) {
            this.mechanism = mechanism;
        }

        public @Nullable String getUsername() {
            return username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }
    }

    /** Producer settings used by the TopicTemplate. */
    public static class Producer {

        /** How long a record may wait for more to fill its batch. */
        private Duration linger = Duration.ofMillis(5);

        /** Largest batch per partition, in bytes. */
        private int batchSize = 64 * 1024;

        /** Compression of record batches. */
        private Compression compression = Compression.NONE;

        /** Acknowledgements the leader waits for before answering: ALL, LEADER or NONE. LEADER and NONE turn idempotence off. */
        private Acks acks = Acks.ALL;

        /** Whether retries are deduplicated by the broker (needs acks=ALL). Unset: on with acks=ALL, off with LEADER or NONE. */
        private @Nullable Boolean idempotence;

        /** Most records a producer holds before they are acknowledged; beyond it a send fails at once while its topic is still looked up, and otherwise waits for room. */
        private int maxQueuedRecords = 100_000;

        /** Engine of the template's producers: NATIVE, or KAFKA_CLIENTS (needs gregor-backend-kafka-clients). */
        private Backend backend = Backend.NATIVE;

        /** How long the application's shutdown waits for the template's producers to deliver what they hold; records still undelivered then fail. */
        private Duration closeTimeout = Duration.ofSeconds(30);

        public Duration getCloseTimeout() {
            return closeTimeout;
        }

        public void setCloseTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
        }

        public Backend getBackend() {
            return backend;
        }

        public void setBackend(Backend backend) {
            this.backend = backend;
        }

        public Duration getLinger() {
            return linger;
        }

        public void setLinger(Duration linger) {
            this.linger = linger;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Compression getCompression() {
            return compression;
        }

        public void setCompression(Compression compression) {
            this.compression = compression;
        }

        public Acks getAcks() {
            return acks;
        }

        public void setAcks(Acks acks) {
            this.acks = acks;
        }

        public @Nullable Boolean getIdempotence() {
            return idempotence;
        }

        public void setIdempotence(@Nullable Boolean idempotence) {
            this.idempotence = idempotence;
        }

        public int getMaxQueuedRecords() {
            return maxQueuedRecords;
        }

        public void setMaxQueuedRecords(int maxQueuedRecords) {
            this.maxQueuedRecords = maxQueuedRecords;
        }
    }

    /** The templates: observation of TopicTemplate sends, and the RequestReplyTemplate's replies. */
    public static class Template {

        /** Topic the RequestReplyTemplate reads replies from, created (one partition) when missing. Unset: "<client-id>.replies". */
        private @Nullable String replyTopic;

        /** How long a request waits for its reply when sendAndReceive is given no timeout. */
        private Duration replyTimeout = Duration.ofSeconds(5);

        /** Whether each send runs in a Micrometer Observation that puts the trace context into the record's headers (W3C traceparent with Micrometer Tracing); needs an ObservationRegistry bean. */
        private boolean observationEnabled;

        public @Nullable String getReplyTopic() {
            return replyTopic;
        }

        public void setReplyTopic(@Nullable String replyTopic) {
            this.replyTopic = replyTopic;
        }

        public Duration getReplyTimeout() {
            return replyTimeout;
        }

        public void setReplyTimeout(Duration replyTimeout) {
            this.replyTimeout = replyTimeout;
        }

        public boolean isObservationEnabled() {
            return observationEnabled;
        }

        public void setObservationEnabled(boolean observationEnabled) {
            this.observationEnabled = observationEnabled;
        }
    }

    /** Consumer defaults for listener containers. */
    public static class Consumer {

        /** Default consumer group of listeners that name none. */
        private @Nullable String group;

        /** Where a group without committed offsets starts: EARLIEST, LATEST or NONE (fail). */
        private OffsetReset autoOffsetReset = OffsetReset.EARLIEST;

        /** ZooKeeper connect string for ZOOKEEPER-coordinated balanced listeners. Unset: the embedded cluster's, if any. */
        private @Nullable String zookeeperConnect;

        /** Engine fetching for listener containers: NATIVE, or KAFKA_CLIENTS (needs gregor-backend-kafka-clients). */
        private Backend backend = Backend.NATIVE;

        /** Which transactional records listeners read: READ_UNCOMMITTED or READ_COMMITTED. Unset: READ_UNCOMMITTED. */
        private @Nullable IsolationLevel isolationLevel;

        /** Session timeout of balanced groups (1s to 10m); the heartbeat follows at a third of it, at most 3s. Unset: 10s. */
        private @Nullable Duration sessionTimeout;

        /** How balanced groups share partitions: range or roundrobin. Unset: range. */
        private @Nullable String assignmentStrategy;

        /**
         * Static membership for balanced listeners coordinated by Kafka: container i of listener L joins as
         * "<this>-<L>-<i>" (characters of L other than letters, digits, '.', '_' and '-' as '_'). Unset: dynamic.
         */
        private @Nullable String groupInstanceId;

        /** The least data a fetch waits for, in bytes. Unset: 1. */
        private @Nullable Integer fetchMinBytes;

        /** The most data one fetch returns, in bytes. Unset: 50 MiB. */
        private @Nullable Integer fetchMaxBytes;

        /** The most data one fetch returns per partition, in bytes. Unset: 1 MiB. */
        private @Nullable Integer maxPartitionFetchBytes;

        /** How long a member of a Kafka-coordinated balanced group may go without taking a record before it leaves (1s to 1d). Unset: 5m. */
        private @Nullable Duration maxPollInterval;

        /** Extra KafkaConsumer properties for the KAFKA_CLIENTS backend (the NATIVE backend refuses them). */
        private Map<String, String> properties = new LinkedHashMap<>();

        public @Nullable IsolationLevel getIsolationLevel() {
            return isolationLevel;
        }

        public void setIsolationLevel(@Nullable IsolationLevel isolationLevel) {
            this.isolationLevel = isolationLevel;
        }

        public @Nullable Duration getSessionTimeout() {
            return sessionTimeout;
        }

        public void setSessionTimeout(@Nullable Duration sessionTimeout) {
            this.sessionTimeout = sessionTimeout;
        }

        public @Nullable String getAssignmentStrategy() {
            return assignmentStrategy;
        }

        public void setAssignmentStrategy(@Nullable String assignmentStrategy) {
            this.assignmentStrategy = assignmentStrategy;
        }

        public @Nullable String getGroupInstanceId() {
            return groupInstanceId;
        }

        public void setGroupInstanceId(@Nullable String groupInstanceId) {
            this.groupInstanceId = groupInstanceId;
        }

        public @Nullable Integer getFetchMinBytes() {
            return fetchMinBytes;
        }

        public void setFetchMinBytes(@Nullable Integer fetchMinBytes) {
            this.fetchMinBytes = fetchMinBytes;
        }

        public @Nullable Integer getFetchMaxBytes() {
            return fetchMaxBytes;
        }

        public void setFetchMaxBytes(@Nullable Integer fetchMaxBytes) {
            this.fetchMaxBytes = fetchMaxBytes;
        }

        public @Nullable Integer getMaxPartitionFetchBytes() {
            return maxPartitionFetchBytes;
        }

        public void setMaxPartitionFetchBytes(@Nullable Integer maxPartitionFetchBytes) {
            this.maxPartitionFetchBytes = maxPartitionFetchBytes;
        }

        public @Nullable Duration getMaxPollInterval() {
            return maxPollInterval;
        }

        public void setMaxPollInterval(@Nullable Duration maxPollInterval) {
            this.maxPollInterval = maxPollInterval;
        }

        public Map<String, String> getProperties() {
            return properties;
        }

        public void setProperties(Map<String, String> properties) {
            this.properties = properties;
        }

        public Backend getBackend() {
            return backend;
        }

        public void setBackend(Backend backend) {
            this.backend = backend;
        }

        public @Nullable String getGroup() {
            return group;
        }

        public void setGroup(@Nullable String group) {
            this.group = group;
        }

        public OffsetReset getAutoOffsetReset() {
            return autoOffsetReset;
        }

        public void setAutoOffsetReset(OffsetReset autoOffsetReset) {
            this.autoOffsetReset = autoOffsetReset;
        }

        public @Nullable String getZookeeperConnect() {
            return zookeeperConnect;
        }

        public void setZookeeperConnect(@Nullable String zookeeperConnect) {
            this.zookeeperConnect = zookeeperConnect;
        }
    }

    /** Listener container behaviour. */
    public static class Listener {

        /** How often a container commits the offsets of processed records (always also on revoke and stop). */
        private Duration commitInterval = Duration.ofSeconds(1);

        /** Attempts of a failing record before it goes to the dead-letter topic (1 = no retry). */
        private int maxAttempts = 3;

        /** Wait before the first retry of a failing record; each further wait is retry-backoff-multiplier times longer. */
        private Duration retryBackoff = Duration.ofMillis(200);

        /** Factor from one wait between attempts to the next (1 = a fixed wait). */
        private double retryBackoffMultiplier = 2.0;

        /** Longest wait between attempts of a failing record. */
        private Duration retryBackoffMax = Duration.ofSeconds(30);

        /** Random spread of each wait between attempts, as a fraction from 0 (none) to 1: 0.2 draws each from 80-120% of it. */
        private double retryBackoffJitter = 0;

        /** Exception class names whose instances (or anything they caused) go to the dead-letter topic without retries. */
        private List<String> notRetryable = new ArrayList<>();

        /** How long a revocation waits for the listener to finish the record (or batch) of a revoked partition in hand before committing: past the records it finished, up to the first it did not. */
        private Duration revokeTimeout = Duration.ofSeconds(10);

        /** Whether records that still fail go to a dead-letter topic, "<topic>.DLT" unless a DeadLetterTopicResolver bean names another (otherwise the container stops). */
        private boolean deadLetter = true;

        /** Whether each listener call (a record, or a batch) runs in a Micrometer Observation, continuing the trace in the record's headers; needs an ObservationRegistry bean. */
        private boolean observationEnabled;

        /**
         * The most records a batch listener gets in one call. 500, like kafka-clients' max.poll.records: large enough
         * to amortise a call over many records, small enough that a retried batch redoes little and fits in memory.
         */
        private int maxBatchSize = 500;

        /** How long a container waits for a record before checking whether it should stop. */
        private Duration pollTimeout = Duration.ofMillis(500);

        /** How long the application's shutdown waits for the containers to finish their records, commit and leave (all containers together). */
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public Duration getCommitInterval() {
            return commitInterval;
        }

        public void setCommitInterval(Duration commitInterval) {
            this.commitInterval = commitInterval;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getRetryBackoff() {
            return retryBackoff;
        }

        public void setRetryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
        }

        public double getRetryBackoffMultiplier() {
            return retryBackoffMultiplier;
        }

        public void setRetryBackoffMultiplier(double retryBackoffMultiplier) {
            this.retryBackoffMultiplier = retryBackoffMultiplier;
        }

        public Duration getRetryBackoffMax() {
            return retryBackoffMax;
        }

        public void setRetryBackoffMax(Duration retryBackoffMax) {
            this.retryBackoffMax = retryBackoffMax;
        }

        public double getRetryBackoffJitter() {
            return retryBackoffJitter;
        }

        public void setRetryBackoffJitter(double retryBackoffJitter) {
            this.retryBackoffJitter = retryBackoffJitter;
        }

        public List<String> getNotRetryable() {
            return notRetryable;
        }

        public void setNotRetryable(List<String> notRetryable) {
            this.notRetryable = notRetryable;
        }

        public Duration getRevokeTimeout() {
            return revokeTimeout;
        }

        public void setRevokeTimeout(Duration revokeTimeout) {
            this.revokeTimeout = revokeTimeout;
        }

        public boolean isDeadLetter() {
            return deadLetter;
        }

        public boolean isObservationEnabled() {
            return observationEnabled;
        }

        public void setObservationEnabled(boolean observationEnabled) {
            this.observationEnabled = observationEnabled;
        }

        public void setDeadLetter(boolean deadLetter) {
            this.deadLetter = deadLetter;
        }

        public int getMaxBatchSize() {
            return maxBatchSize;
        }

        public void setMaxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
        }

        public Duration getPollTimeout() {
            return pollTimeout;
        }

        public void setPollTimeout(Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
        }
    }

    /** The embedded cluster started from the testkit when no brokers are configured. */
    public static class Embedded {

        /** Whether to start an embedded cluster. Unset: only when gregor.bootstrap-servers is not set. */
        private @Nullable Boolean enabled;

        /** Brokers of the embedded cluster. */
        private int brokers = 1;

        /** Whether the embedded cluster also runs ZooKeeper (for ZOOKEEPER-coordinated listeners). */
        private boolean zookeeper = true;

        public @Nullable Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(@Nullable Boolean enabled) {
            this.enabled = enabled;
        }

        public int getBrokers() {
            return brokers;
        }

        public void setBrokers(int brokers) {
            this.brokers = brokers;
        }

        public boolean isZookeeper() {
            return zookeeper;
        }

        public void setZookeeper(boolean zookeeper) {
            this.zookeeper = zookeeper;
        }
    }
}
