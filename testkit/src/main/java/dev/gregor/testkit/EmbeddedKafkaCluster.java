package dev.gregor.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.gregor.testkit.internal.EmbeddedZooKeeper;
import dev.gregor.testkit.internal.FreePorts;
import dev.gregor.testkit.internal.KafkaNode;
import dev.gregor.testkit.internal.NodeSettings;
import dev.gregor.testkit.internal.SecuredListeners;
import dev.gregor.testkit.internal.ShutdownCleanup;
import dev.gregor.testkit.internal.TempDirectories;

/**
 * A throwaway Kafka cluster: N real Kafka brokers (KRaft, each node a combined broker and controller in its own
 * JVM) and optionally a ZooKeeper server, all bound to 127.0.0.1 on free ports, with data in temporary directories
 * that {@link #close()} deletes. Faults on demand: brokers can be stopped, killed (SIGKILL), restarted on the same port
 * and data, or paused (SIGSTOP); ZooKeeper can be stopped and started again and its sessions expired; partition
 * leadership can be read and moved.
 * Whatever is still running when the JVM exits is stopped by a shutdown hook (at once, or after
 * {@link Builder#shutdownHookGrace the owner's grace period}). Each broker runs in a process group of its own where
 * the system has {@code setsid}, so Ctrl-C in a terminal stops the JVM that started the cluster, not its brokers;
 * a broker exits by itself when that JVM is gone. Built with {@link Builder#faultProxies()}, each broker sits behind a
 * {@link FaultProxy} ({@link #proxy(int)}) that injects network and per-API faults.
 *
 * <pre>{@code
 * try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().brokers(3).zookeeper(true).start()) {
 *     cluster.createTopic("orders", 6, 3);
 *     connect(cluster.bootstrapServers());
 * }
 * }</pre>
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Path directory;
    private final List<KafkaNode> nodes;
    private final EmbeddedZooKeeper zookeeper;
    private final TestCertificates certificates;
    private final Duration shutdownHookGrace;
    private final List<FaultProxy> proxies;
    private boolean closed;

    private EmbeddedKafkaCluster(Path directory, List<KafkaNode> nodes, EmbeddedZooKeeper zookeeper,
                                 TestCertificates certificates, Duration shutdownHookGrace, List<FaultProxy> proxies) {
        this.directory = directory;
        this.nodes = nodes;
        this.zookeeper = zookeeper;
        this.certificates = certificates;
        this.shutdownHookGrace = shutdownHookGrace;
        this.proxies = proxies;
    }

    /** A builder for a cluster; by default one broker and no ZooKeeper. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The brokers' addresses as a Kafka bootstrap string, {@code 127.0.0.1:port,...}, stopped brokers included; the
     * fault proxies' addresses in a cluster built with {@link Builder#faultProxies()}.
     */
    public String bootstrapServers() {
        return nodes.stream().map(node -> "127.0.0.1:" + node.brokerPort()).collect(Collectors.joining(","));
    }

    /** The brokers' addresses on {@code listener}, as a bootstrap string; all but PLAINTEXT need {@code secured()}. */
    public String bootstrapServers(Listener listener) {
        return nodes.stream().map(node -> "127.0.0.1:" + node.port(listener)).collect(Collectors.joining(","));
    }

    /** The certificates of a secured cluster (its CA, the client's key material for mutual TLS). */
    public TestCertificates certificates() {
        if (certificates == null) {
            throw new IllegalStateException("This cluster has no TLS listeners: build it with secured()");
        }
        return certificates;
    }

    /** The ports clients reach the brokers' PLAINTEXT listeners on, in broker order (the proxies' if proxied). */
    public List<Integer> brokerPorts() {
        return nodes.stream().map(KafkaNode::brokerPort).toList();
    }

    /**
     * The fault proxy in front of broker {@code index}, for a cluster built with {@link Builder#faultProxies()}.
     */
    public FaultProxy proxy(int index) {
        node(index);
        if (proxies.isEmpty()) {
            throw new IllegalStateException("This cluster has no fault proxies: build it with faultProxies()");
        }
        return proxies.get(index);
    }

    /** The ZooKeeper connect string {@code 127.0.0.1:port}; fails if the cluster was built without ZooKeeper. */
    public String zookeeperConnect() {
        return "127.0.0.1:" + zookeeperPort();
    }

    /** ZooKeeper's port on 127.0.0.1 (the same after a restart); fails if the cluster was built without ZooKeeper. */
    public int zookeeperPort() {
        return zookeeper().port();
    }

    /**
     * Stops ZooKeeper and drops every client connection; its port and data stay for {@link #startZookeeper()}.
     * Clients reconnect once it is back, and sessions that did not time out meanwhile keep their ephemeral nodes.
     */
    public synchronized void stopZookeeper() {
        zookeeper().stop();
    }

    /** Starts a stopped ZooKeeper again on its old port with its old data; does nothing if it is running. */
    public synchronized void startZookeeper() {
        zookeeper().startAgain();
    }

    /** Whether ZooKeeper is running; fails if the cluster was built without ZooKeeper. */
    public synchronized boolean isZookeeperRunning() {
        return zookeeper().isRunning();
    }

    /**
     * Ends a ZooKeeper session as if it had timed out: its ephemeral nodes vanish and watchers fire; its client
     * sees the session expire when it next talks to ZooKeeper.
     *
     * @throws IllegalArgumentException if ZooKeeper has no such session (the message lists the live ones)
     */
    public synchronized void expireZookeeperSession(long sessionId) {
        zookeeper().expireSession(sessionId);
    }

    /** The ids of ZooKeeper's live sessions, in ascending order (to find one to expire). */
    public synchronized List<Long> zookeeperSessions() {
        return zookeeper().sessions();
    }

    private EmbeddedZooKeeper zookeeper() {
        if (zookeeper == null) {
            throw new IllegalStateException("This cluster has no ZooKeeper: build it with zookeeper(true)"
                    + " (or @KafkaCluster(zookeeper = true))");
        }
        return zookeeper;
    }

    /** The temporary directory holding every node's data, logs and configuration; deleted by {@link #close()}. */
    public Path directory() {
        return directory;
    }

    /** Whether the cluster was built with a ZooKeeper server. */
    public boolean hasZookeeper() {
        return zookeeper != null;
    }

    /** How many brokers the cluster has, running or stopped. */
    public int brokerCount() {
        return nodes.size();
    }

    /**
     * Creates a topic and waits until each of its partitions has a leader.
     *
     * @throws IllegalStateException if Kafka refuses (the topic exists, the replication factor exceeds the running
     *                               brokers, …), with Kafka's reason
     */
    public synchronized void createTopic(String name, int partitions, int replicationFactor) {
        Objects.requireNonNull(name, "name");
        anyServingNode().createTopic(name, partitions, replicationFactor);
    }

    /** Shuts broker {@code index} down cleanly; its port and data stay for {@link #startBroker(int)}. */
    public synchronized void stopBroker(int index) {
        node(index).stop();
    }

    /** Kills broker {@code index} at once, as a crash would; its port and data stay for {@link #startBroker(int)}. */
    public synchronized void killBroker(int index) {
        node(index).kill();
    }

    /** Starts a stopped broker again on its old port with its old data, and waits until it serves. */
    public synchronized void startBroker(int index) {
        KafkaNode node = node(index);
        node.launch();
        node.awaitReady(START_TIMEOUT);
    }

    /** Shuts broker {@code index} down cleanly and starts it again on the same port and data; returns once it serves. */
    public synchronized void restartBroker(int index) {
        stopBroker(index);
        startBroker(index);
    }

    /**
     * Freezes broker {@code index}'s JVM (SIGSTOP), as a long GC pause or a hung host would: its connections stay
     * open but it answers nothing, sends no heartbeats, and the controller fences it after
     * {@code broker.session.timeout.ms}. {@link #resumeBroker(int)} lets it run on; stopping or killing it works too.
     * Meanwhile the leadership methods run through the other brokers, retrying what met the frozen one, but one may
     * still fail with Kafka's reason (a request to it cancelled): try it again.
     */
    public synchronized void pauseBroker(int index) {
        node(index).pause();
    }

    /** Lets a paused broker run on (SIGCONT); does nothing if it is not paused. */
    public synchronized void resumeBroker(int index) {
        node(index).resume();
    }

    /**
     * Undoes every fault: heals each {@link FaultProxy}, resumes paused brokers and starts stopped or killed ones
     * (returning once each serves); what is whole is left alone. Call it after each test that disturbs a shared
     * cluster (see {@link dev.gregor.testkit.junit.KafkaCluster}), in an {@code @AfterEach} method or a finally block.
     * Replicas of a restarted broker may still be catching up when it returns.
     */
    public synchronized void heal() {
        proxies.forEach(FaultProxy::heal);
        for (int index = 0; index < nodes.size(); index++) {
            resumeBroker(index);
            if (!isBrokerRunning(index)) {
                startBroker(index);
            }
        }
    }

    /** Whether broker {@code index} is running. */
    public synchronized boolean isBrokerRunning(int index) {
        return node(index).isRunning();
    }

    /** Whether broker {@code index} is paused by {@link #pauseBroker(int)}. */
    public synchronized boolean isBrokerPaused(int index) {
        return node(index).isPaused();
    }

    /** The process id of broker {@code index}'s JVM; fails if the broker is not running. */
    public synchronized long brokerPid(int index) {
        return node(index).pid();
    }

    /**
     * The broker leading {@code topic}'s {@code partition}, or empty while it has none, as one broker's metadata tells
     * it: each broker applies the controller's changes on its own, so right after a change (a leader moved, a broker
     * stopped) one broker can still tell the old state for a moment. Wait for a change with Awaitility.
     */
    public synchronized OptionalInt leader(String topic, int partition) {
        int leader = Integer.parseInt(describe(topic, partition)[0]);
        return leader < 0 ? OptionalInt.empty() : OptionalInt.of(leader);
    }

    /**
     * The brokers holding replicas of {@code topic}'s {@code partition}, preferred leader first, as one broker's
     * metadata tells it (see {@link #leader}).
     */
    public synchronized List<Integer> replicas(String topic, int partition) {
        return brokerIds(describe(topic, partition)[1]);
    }

    /**
     * The brokers in the in-sync replica set (ISR) of {@code topic}'s {@code partition}, as one broker's metadata tells
     * it (see {@link #leader}).
     */
    public synchronized List<Integer> inSyncReplicas(String topic, int partition) {
        return brokerIds(describe(topic, partition)[2]);
    }

    /**
     * Elects each partition's preferred replica (the first one) of {@code topic} leader, and returns once each leads.
     *
     * @throws IllegalStateException if a preferred replica cannot lead (not running, not in sync), with Kafka's reason
     */
    public synchronized void electPreferredLeaders(String topic) {
        Objects.requireNonNull(topic, "topic");
        anyServingNode().call("elect-preferred " + topic, "Could not elect the preferred leaders of topic '" + topic + "'");
    }

    /**
     * Makes {@code broker} the leader of {@code topic}'s {@code partition}: reassigns the replicas so that it comes
     * first (taking the last other replica's place if it held none, so the replication factor stays), waits for the
     * reassignment, elects the preferred leader, and returns once {@code broker} leads (as the controller decided and
     * a broker's metadata shows; another broker's may show it a moment later).
     *
     * @throws IllegalStateException if the broker is not running or paused, or does not lead within 60 s (the
     *                               message says what the partition looks like)
     */
    public synchronized void moveLeader(String topic, int partition, int broker) {
        Objects.requireNonNull(topic, "topic");
        KafkaNode target = node(broker);
        String failing = "Could not move the leadership of " + topic + "-" + partition + " to broker " + broker;
        if (!target.isServing()) {
            throw new IllegalStateException(failing + ": broker " + broker + " is "
                    + (target.isPaused() ? "paused; resume it first" : "not running; start it first"));
        }
        anyServingNode().call("move-leader " + topic + " " + partition + " " + broker, failing);
    }

    /** Stops every broker and ZooKeeper and deletes all their data. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ShutdownCleanup.forget(this);
        nodes.forEach(KafkaNode::kill);
        proxies.forEach(FaultProxy::close);
        if (zookeeper != null) {
            zookeeper.close();
        }
        TempDirectories.deleteRecursively(directory);
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaCluster[brokers=" + bootstrapServers()
                + (zookeeper != null ? ", zookeeper=" + zookeeperConnect() : "") + ", directory=" + directory + "]";
    }

    private KafkaNode node(int index) {
        if (index < 0 || index >= nodes.size()) {
            throw new IllegalArgumentException("No broker " + index + ": this cluster has brokers 0 to " + (nodes.size() - 1));
        }
        return nodes.get(index);
    }

    private KafkaNode anyServingNode() {
        return nodes.stream().filter(KafkaNode::isServing).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "No broker of this cluster is running and not paused; start or resume one first"));
    }

    /** The leader, replicas and ISR of a partition, as the node tells them: {@code -1|id, [ids], [ids]}. */
    private String[] describe(String topic, int partition) {
        Objects.requireNonNull(topic, "topic");
        return anyServingNode().call("describe-partition " + topic + " " + partition,
                "Could not describe " + topic + "-" + partition).split(" ");
    }

    private static List<Integer> brokerIds(String list) {
        String ids = list.substring(1, list.length() - 1);
        return ids.isEmpty() ? List.of() : Arrays.stream(ids.split(",")).map(Integer::valueOf).toList();
    }

    private void startAll() {
        ShutdownCleanup.register(this, shutdownHookGrace);
        try {
            if (zookeeper == null && nodes.isEmpty()) {
                return;
            }
            nodes.forEach(KafkaNode::launch);
            nodes.forEach(node -> node.awaitReady(START_TIMEOUT));
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Chooses the shape of a cluster and starts it. */
    public static final class Builder {

        private int brokers = 1;
        private boolean withZookeeper;
        private int firstBrokerPort;
        private int zookeeperPort;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private List<String> brokerJvmOptions = List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true");
        private boolean secured;
        private final Map<String, String> saslUsers = new LinkedHashMap<>();
        private Duration reauthentication;
        private Duration shutdownHookGrace = Duration.ZERO;
        private boolean faultProxies;

        private Builder() {
        }

        /** How many brokers (1 to 9); each is also a controller. Default 1. */
        public Builder brokers(int count) {
            if (count < 1 || count > 9) {
                throw new IllegalArgumentException("brokers must be between 1 and 9, was " + count);
            }
            this.brokers = count;
            return this;
        }

        /** Whether to start a ZooKeeper server too (for ZooKeeper-balanced consumers). Default false. */
        public Builder zookeeper(boolean enabled) {
            this.withZookeeper = enabled;
            return this;
        }

        /** The first broker's port; the others take the next free ones above it. Default 0: any free ports. */
        public Builder firstBrokerPort(int port) {
            this.firstBrokerPort = checkPort("firstBrokerPort", port);
            return this;
        }

        /** ZooKeeper's port, or the next free one above it. Default 0: any free port. */
        public Builder zookeeperPort(int port) {
            this.zookeeperPort = checkPort("zookeeperPort", port);
            return this;
        }

        /** Sets a broker configuration property on every broker, over the testkit's defaults. */
        public Builder brokerProperty(String name, String value) {
            brokerProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Replaces the brokers' JVM options (default: 128 MB initial, 512 MB maximum heap, serial GC, and the C1
         * compiler only, which starts a broker on about half the CPU time).
         */
        public Builder brokerJvmOptions(List<String> options) {
            this.brokerJvmOptions = List.copyOf(options);
            return this;
        }

        /**
         * Adds the secured client listeners of {@link Listener} to every broker: TLS with certificates made for this
         * cluster ({@link EmbeddedKafkaCluster#certificates()}), mutual TLS, and SASL (PLAIN, SCRAM-SHA-256/512,
         * OAUTHBEARER with Kafka's unsecured token validator) with and without TLS. SASL users come from
         * {@link #saslUser}; without any, there is one: {@code gregor} / {@code gregor-secret}.
         */
        public Builder secured() {
            this.secured = true;
            return this;
        }

        /** A SASL user (PLAIN and both SCRAM mechanisms) of a {@link #secured()} cluster. */
        public Builder saslUser(String name, String password) {
            if (name == null || !name.matches("[A-Za-z0-9_-]+") || password == null || !password.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("SASL user names and passwords must be letters, digits, '_' or '-'");
            }
            saslUsers.put(name, password);
            return secured();
        }

        /** How long a SASL session lasts before the client must re-authenticate (KIP-368). Default: no limit. */
        public Builder reauthentication(Duration interval) {
            if (interval == null || interval.toMillis() < 1) {
                throw new IllegalArgumentException("reauthentication must be a positive duration, was " + interval);
            }
            this.reauthentication = interval;
            return secured();
        }

        /**
         * How long the testkit's shutdown hook waits, once the JVM begins to exit, for the cluster's owner to close
         * it before closing it itself. Default zero: at once. Give the owner's own shutdown time when it has a
         * shutdown hook of its own (a Spring context does): JVM shutdown hooks run at the same time, and the brokers
         * must outlive the consumers that commit to them on the way out.
         */
        public Builder shutdownHookGrace(Duration grace) {
            if (grace == null || grace.isNegative()) {
                throw new IllegalArgumentException("shutdownHookGrace must be zero or positive, was " + grace);
            }
            this.shutdownHookGrace = grace;
            return this;
        }

        /**
         * Puts a {@link FaultProxy} in front of each broker's PLAINTEXT listener ({@link EmbeddedKafkaCluster#proxy}):
         * the brokers advertise the proxies' ports, so clients reach them only through the proxies, while the
         * brokers' own traffic (replication, the controllers) goes around them. {@link #firstBrokerPort} then names
         * the first proxy's port. The secured listeners are not proxied.
         */
        public Builder faultProxies() {
            this.faultProxies = true;
            return this;
        }

        /** Starts the cluster and returns once every broker serves. */
        public EmbeddedKafkaCluster start() {
            Path directory = TempDirectories.create("kafka");
            EmbeddedZooKeeper zookeeper = null;
            List<FaultProxy> proxies = List.of();
            try {
                if (withZookeeper) {
                    zookeeper = EmbeddedZooKeeper.start(directory.resolve("zookeeper"),
                            FreePorts.pick(zookeeperPort));
                }
                TestCertificates certificates = secured ? TestCertificates.create(directory.resolve("certificates")) : null;
                List<KafkaNode> nodes = nodes(directory, certificates);
                proxies = faultProxies ? proxies(nodes) : List.of();
                EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(directory, nodes, zookeeper, certificates,
                        shutdownHookGrace, proxies);
                cluster.startAll();
                return cluster;
            } catch (RuntimeException | Error e) {
                proxies.forEach(FaultProxy::close);
                if (zookeeper != null) {
                    zookeeper.close();
                }
                TempDirectories.deleteRecursively(directory);
                throw e;
            }
        }

        private static List<FaultProxy> proxies(List<KafkaNode> nodes) {
            long seed = new java.util.Random().nextLong();
            List<FaultProxy> proxies = new ArrayList<>();
            try {
                for (KafkaNode node : nodes) {
                    proxies.add(FaultProxy.start(node.brokerPort(), node.listenPort(), seed + node.id()));
                }
                return List.copyOf(proxies);
            } catch (RuntimeException e) {
                proxies.forEach(FaultProxy::close);
                throw e;
            }
        }

        private List<KafkaNode> nodes(Path directory, TestCertificates certificates) {
            List<Integer> brokerPorts = FreePorts.pick(brokers, firstBrokerPort, Set.of());
            List<Integer> controllerPorts = FreePorts.pick(brokers, 0, Set.copyOf(brokerPorts));
            SecuredListeners listeners = certificates == null ? null : new SecuredListeners(certificates,
                    saslUsers.isEmpty() ? Map.of("gregor", "gregor-secret") : Map.copyOf(saslUsers), reauthentication);
            Set<Integer> taken = new java.util.HashSet<>(brokerPorts);
            taken.addAll(controllerPorts);
            String clusterId = kraftClusterId();
            String voters = IntStream.range(0, brokers)
                    .mapToObj(id -> id + "@127.0.0.1:" + controllerPorts.get(id))
                    .collect(Collectors.joining(","));
            List<KafkaNode> nodes = new ArrayList<>();
            for (int id = 0; id < brokers; id++) {
                NodeSettings.SecuredPorts securedPorts = null;
                if (listeners != null) {
                    List<Integer> ports = FreePorts.pick(SecuredListeners.listeners().size(), 0, Set.copyOf(taken));
                    taken.addAll(ports);
                    Map<Listener, Integer> byListener = new java.util.EnumMap<>(Listener.class);
                    for (int i = 0; i < ports.size(); i++) {
                        byListener.put(SecuredListeners.listeners().get(i), ports.get(i));
                    }
                    securedPorts = new NodeSettings.SecuredPorts(listeners, byListener);
                }
                NodeSettings.ProxiedPorts proxiedPorts = null;
                if (faultProxies) {
                    List<Integer> ports = FreePorts.pick(2, 0, Set.copyOf(taken));
                    taken.addAll(ports);
                    proxiedPorts = new NodeSettings.ProxiedPorts(ports.get(0), ports.get(1));
                }
                NodeSettings settings = new NodeSettings(id, clusterId, brokers, brokerPorts.get(id),
                        controllerPorts.get(id), voters, Map.copyOf(brokerProperties), brokerJvmOptions, securedPorts,
                        proxiedPorts);
                nodes.add(new KafkaNode(settings, directory.resolve("broker-" + id)));
            }
            return List.copyOf(nodes);
        }

        private static int checkPort(String name, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " must be between 0 and 65535, was " + port);
            }
            return port;
        }

        /**
         * A KRaft cluster id: 16 random bytes in URL-safe base64 without padding, as Kafka's own tool makes, never
         * starting with '-' (the storage tool would read such an id as an option).
         */
        private static String kraftClusterId() {
            String id;
            do {
                UUID uuid = UUID.randomUUID();
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
                bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
                id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            } while (id.startsWith("-"));
            return id;
        }
    }
}
