package dev.gregor;

import java.util.Optional;

/**
 * A broker of the cluster, as its metadata describes it.
 *
 * @param id   the broker's node id
 * @param host the host it advertises to clients
 * @param port the port it advertises to clients
 * @param rack its rack, if configured
 */
public record Broker(int id, String host, int port, Optional<String> rack) {

    /** {@code host:port}, ready to put in a bootstrap string. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
