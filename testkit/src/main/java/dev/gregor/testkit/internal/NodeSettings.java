package dev.gregor.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gregor.testkit.Listener;

/**
 * Everything one node needs to know to join its cluster, and the configuration files written from it: a combined
 * broker+controller on 127.0.0.1 with a static controller quorum, sized for a test cluster of {@code clusterSize}
 * nodes, with the user's broker properties applied last.
 *
 * @param nodeId         the node id (0-based index in the cluster)
 * @param clusterId      the KRaft cluster id shared by all nodes
 * @param clusterSize    how many nodes the cluster has (sizes the internal topics' replication)
 * @param brokerPort     the port clients reach the PLAINTEXT listener on (a fault proxy's, when {@code proxied})
 * @param controllerPort the controller listener's port
 * @param quorumVoters   {@code controller.quorum.voters} of the cluster
 * @param overrides      broker properties set by the user, applied over the defaults
 * @param jvmOptions     options of the node's JVM
 * @param secured        the secured listeners and this node's ports for them, or null for PLAINTEXT only
 * @param proxied        the node's own ports behind a fault proxy, or null when clients reach it directly
 */
public record NodeSettings(int nodeId, String clusterId, int clusterSize, int brokerPort, int controllerPort,
                           String quorumVoters, Map<String, String> overrides, List<String> jvmOptions,
                           SecuredPorts secured, ProxiedPorts proxied) {

    private static final String BROKER_LISTENER = "BROKER";

    /**
     * The ports of a node whose PLAINTEXT listener sits behind a fault proxy: that listener binds
     * {@code listenPort} and advertises the proxy's port, while the brokers talk to each other (and the node's
     * launcher to its node) on a listener of their own, {@code interBrokerPort}, that no proxy stands in front of.
     *
     * @param listenPort      where the PLAINTEXT listener binds
     * @param interBrokerPort the inter-broker listener's port
     */
    public record ProxiedPorts(int listenPort, int interBrokerPort) {
    }

    /** The port the PLAINTEXT listener binds. */
    public int listenPort() {
        return proxied == null ? brokerPort : proxied.listenPort();
    }

    /** The port of the listener the brokers use among themselves, which no proxy stands in front of. */
    public int interBrokerPort() {
        return proxied == null ? brokerPort : proxied.interBrokerPort();
    }

    /**
     * A node's secured listeners and their ports.
     *
     * @param listeners what the listeners need
     * @param ports     this node's port for each secured listener
     */
    public record SecuredPorts(SecuredListeners listeners, Map<Listener, Integer> ports) {
    }

    /** This node's port for {@code listener}. */
    public int port(Listener listener) {
        if (listener == Listener.PLAINTEXT) {
            return brokerPort;
        }
        if (secured == null) {
            throw new IllegalStateException("The cluster has no " + listener + " listener: build it with secured()");
        }
        return secured.ports().get(listener);
    }

    /** Extra {@code kafka-storage format} arguments (SCRAM credentials). */
    public List<String> formatArguments() {
        return secured == null ? List.of() : secured.listeners().formatArguments();
    }

    /** Writes {@code server.properties} for this node, keeping its data in {@code dataDirectory}. */
    public void writeServerProperties(Path file, Path dataDirectory) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("node.id", Integer.toString(nodeId));
        properties.put("process.roles", "broker,controller");
        properties.put("controller.quorum.voters", quorumVoters);
        StringBuilder bound = new StringBuilder("PLAINTEXT://127.0.0.1:" + listenPort());
        StringBuilder advertised = new StringBuilder("PLAINTEXT://127.0.0.1:" + brokerPort);
        StringBuilder protocols = new StringBuilder("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        Map<String, Integer> others = new LinkedHashMap<>();
        if (secured != null) {
            secured.ports().forEach((listener, port) -> {
                others.put(listener.name(), port);
                protocols.append(',').append(listener.name()).append(':').append(listener.securityProtocol());
            });
        }
        if (proxied != null) {
            others.put(BROKER_LISTENER, proxied.interBrokerPort());
            protocols.append(',').append(BROKER_LISTENER).append(":PLAINTEXT");
        }
        others.forEach((name, port) -> {
            bound.append(',').append(name).append("://127.0.0.1:").append(port);
            advertised.append(',').append(name).append("://127.0.0.1:").append(port);
        });
        properties.put("listeners", bound + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.put("advertised.listeners", advertised.toString());
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", proxied == null ? "PLAINTEXT" : BROKER_LISTENER);
        properties.put("listener.security.protocol.map", protocols.toString());
        if (secured != null) {
            properties.putAll(secured.listeners().brokerProperties(secured.ports()));
        }
        properties.put("log.dirs", dataDirectory.toString());
        int internalReplicas = Math.min(clusterSize, 3);
        properties.put("offsets.topic.replication.factor", Integer.toString(internalReplicas));
        properties.put("offsets.topic.num.partitions", "10");
        properties.put("transaction.state.log.replication.factor", Integer.toString(internalReplicas));
        properties.put("transaction.state.log.min.isr", Integer.toString(Math.min(clusterSize, 2)));
        properties.put("transaction.state.log.num.partitions", "5");
        properties.put("share.coordinator.state.topic.replication.factor", Integer.toString(internalReplicas));
        properties.put("share.coordinator.state.topic.min.isr", Integer.toString(Math.min(clusterSize, 2)));
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("num.network.threads", "2");
        properties.put("num.io.threads", "4");
        properties.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        // A throwaway cluster keeps what it was given: tests often write records with old, synthetic timestamps.
        properties.put("log.retention.ms", "-1");
        properties.putAll(overrides);
        write(file, properties);
    }

    /** Writes the node's log4j 2 configuration: INFO and above to {@code logDirectory/server.log}. */
    public void writeLogConfig(Path file, Path logDirectory) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("status", "warn");
        properties.put("appender.file.type", "File");
        properties.put("appender.file.name", "FILE");
        properties.put("appender.file.fileName", logDirectory.resolve("server.log").toString());
        properties.put("appender.file.layout.type", "PatternLayout");
        properties.put("appender.file.layout.pattern", "[%d] %p %m (%c)%n");
        properties.put("rootLogger.level", "INFO");
        properties.put("rootLogger.appenderRef.file.ref", "FILE");
        properties.put("logger.state-change.name", "state.change.logger");
        properties.put("logger.state-change.level", "WARN");
        write(file, properties);
    }

    private static void write(Path file, Map<String, String> properties) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> property : properties.entrySet()) {
                out.write(property.getKey() + "=" + escape(property.getValue()) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }
}
