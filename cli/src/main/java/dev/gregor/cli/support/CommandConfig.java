package dev.gregor.cli.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kafka-style client properties file ({@code --command-config}), as Kafka's own tools take: the connection and
 * security properties Gregor uses ({@code bootstrap.servers}, {@code security.protocol}, {@code sasl.mechanism},
 * {@code sasl.jaas.config}, {@code ssl.truststore.*}, {@code ssl.keystore.*}, ...).
 */
final class CommandConfig {

    /** The properties this tool reads; others are named in one warning, as they have no effect. */
    static final Set<String> USED = Set.of("bootstrap.servers", "client.id", "security.protocol", "sasl.mechanism",
            "sasl.jaas.config", "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type",
            "ssl.keystore.location", "ssl.keystore.password", "ssl.keystore.type", "ssl.key.password",
            "ssl.endpoint.identification.algorithm");

    static final CommandConfig NONE = new CommandConfig(null, new Properties());

    private static final Pattern JAAS_OPTION = Pattern.compile("(username|password)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Path file;
    private final Properties properties;

    private CommandConfig(Path file, Properties properties) {
        this.file = file;
        this.properties = properties;
    }

    /**
     * Reads {@code file}.
     *
     * @throws CliException if it cannot be read
     */
    static CommandConfig read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new CliException("Cannot read the --command-config file " + file + " (" + e + "): check its path"
                    + " and permissions.");
        }
        return new CommandConfig(file, properties);
    }

    /** The property's value, if set and not blank. */
    Optional<String> get(String name) {
        return Optional.ofNullable(properties.getProperty(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    /** Whether the property is present, even empty (an empty endpoint identification turns host checks off). */
    boolean has(String name) {
        return properties.containsKey(name);
    }

    /** The properties set that this tool does not use. */
    Set<String> unused() {
        Set<String> unused = new TreeSet<>(properties.stringPropertyNames());
        unused.removeAll(USED);
        return unused;
    }

    /** The {@code username} or {@code password} option of {@code sasl.jaas.config}. */
    Optional<String> jaasOption(String option) {
        Optional<String> jaas = get("sasl.jaas.config");
        if (jaas.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = JAAS_OPTION.matcher(jaas.get());
        while (matcher.find()) {
            if (matcher.group(1).equals(option)) {
                return Optional.of(matcher.group(2).replaceAll("\\\\(.)", "$1"));
            }
        }
        return Optional.empty();
    }

    /** Where it was read from, for messages. */
    String source() {
        return file == null ? "no --command-config" : "--command-config " + file;
    }
}
