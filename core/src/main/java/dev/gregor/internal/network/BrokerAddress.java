package dev.gregor.internal.network;

import java.util.ArrayList;
import java.util.List;

import dev.gregor.InvalidConfigException;

/**
 * A broker's host and port, as given in a bootstrap string or advertised in metadata.
 *
 * @param host a host name or IP address
 * @param port the TCP port
 */
public record BrokerAddress(String host, int port) {

    /**
     * Parses a bootstrap string such as {@code "kafka1:9092,kafka2:9092"} or {@code "[::1]:9092"}.
     *
     * @throws InvalidConfigException naming the malformed entry
     */
    public static List<BrokerAddress> parseList(String bootstrapServers) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new InvalidConfigException("bootstrapServers", bootstrapServers, "a list of host:port, e.g. localhost:9092");
        }
        List<BrokerAddress> addresses = new ArrayList<>();
        for (String entry : bootstrapServers.split(",")) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                addresses.add(parse(trimmed));
            }
        }
        if (addresses.isEmpty()) {
            throw new InvalidConfigException("bootstrapServers", bootstrapServers, "a list of host:port, e.g. localhost:9092");
        }
        return List.copyOf(addresses);
    }

    private static BrokerAddress parse(String entry) {
        int colon = entry.lastIndexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            throw new InvalidConfigException("bootstrapServers", entry, "host:port, e.g. localhost:9092");
        }
        String host = entry.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(entry.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidConfigException("bootstrapServers", entry, "host:port with a numeric port");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidConfigException("bootstrapServers", entry, "a port between 1 and 65535");
        }
        return new BrokerAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
