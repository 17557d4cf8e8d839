package dev.gregor.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

/** Connection details read from {@code gregor.*} properties. */
final class PropertiesGregorConnectionDetails implements GregorConnectionDetails {

    private final GregorProperties properties;

    PropertiesGregorConnectionDetails(GregorProperties properties) {
        this.properties = properties;
    }

    @Override
    public String getBootstrapServers() {
        String servers = properties.getBootstrapServers();
        if (servers == null || servers.isBlank()) {
            throw new IllegalStateException("gregor.bootstrap-servers is not set. Set it to your brokers (host:port,...),"
                    + " or add dev.gregor:gregor-testkit to run against an embedded cluster.");
        }
        return servers;
    }

    @Override
    public @Nullable String getZookeeperConnect() {
        return properties.getConsumer().getZookeeperConnect();
    }
}
