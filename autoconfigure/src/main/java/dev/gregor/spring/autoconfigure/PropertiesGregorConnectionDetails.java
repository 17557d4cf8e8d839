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
            throw new InvalidGregorPropertyException("gregor.bootstrap-servers", servers, "host:port pairs separated by"
                    + " commas, e.g. broker1:9092,broker2:9092", "Set gregor.bootstrap-servers to your brokers, or add"
                    + " dev.gregor:gregor-testkit to run against an embedded cluster.", null);
        }
        return servers;
    }

    @Override
    public @Nullable String getZookeeperConnect() {
        return properties.getConsumer().getZookeeperConnect();
    }
}
