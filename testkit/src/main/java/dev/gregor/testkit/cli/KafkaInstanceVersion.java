package dev.gregor.testkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/** What {@code kafka-instance --version} prints: the testkit's version and the Kafka and ZooKeeper it runs. */
final class KafkaInstanceVersion implements IVersionProvider {

    private static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        Properties versions = new Properties();
        try (InputStream in = KafkaInstanceVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing next to "
                        + KafkaInstanceVersion.class.getName());
            }
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
        return new String[] {"kafka-instance " + versions.getProperty("version") + " (Kafka "
                + versions.getProperty("kafka") + ", ZooKeeper " + versions.getProperty("zookeeper") + ")"};
    }
}
