package dev.gregor.backend.kafkaclients.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gregor.Backend;
import dev.gregor.InvalidConfigException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kafka-clients on the class path against the versions this backend runs on: the one it is compiled and tested
 * against, or a later release of the same major version (Kafka removes public API only in major releases). An older
 * kafka-clients, as a Spring Boot parent or BOM manages, may lack methods the backend calls and fails at run time
 * in the middle of a send; this check fails first, with the fix.
 */
public final class KafkaClientsVersion {

    private static final Logger log = LoggerFactory.getLogger(KafkaClientsVersion.class);
    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");
    private static final Optional<String> PROBLEM = problem(found(), builtAgainst());

    private KafkaClientsVersion() {
    }

    /** Fails with what was found, what is needed and how to fix the build, unless the kafka-clients in use fits. */
    public static void requireSupported() {
        PROBLEM.ifPresent(problem -> {
            throw new InvalidConfigException("backend", Backend.KAFKA_CLIENTS, problem);
        });
    }

    /** The kafka-clients version this backend is built against, such as {@code 4.4.0}. */
    static String builtAgainst() {
        return version(KafkaClientsVersion.class, "kafka-clients.properties", "gregor-backend-kafka-clients");
    }

    /**
     * The version of the kafka-clients on the class path, read where its own {@code AppInfoParser} reads it: that
     * class moved between releases ({@code common.utils} to {@code common.utils.internals}), the file did not.
     */
    static String found() {
        return version(KafkaProducer.class, "/kafka/kafka-version.properties", "kafka-clients");
    }

    private static String version(Class<?> owner, String resource, String artifact) {
        Properties properties = new Properties();
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource + " from " + artifact, e);
        }
        return properties.getProperty("version", "unknown");
    }

    /** Why kafka-clients {@code found} cannot run a backend built against {@code builtAgainst}, if it cannot. */
    static Optional<String> problem(String found, String builtAgainst) {
        Matcher foundRelease = RELEASE.matcher(found);
        Matcher needed = RELEASE.matcher(builtAgainst);
        if (!needed.matches()) {
            throw new IllegalArgumentException("Not a Kafka release: " + builtAgainst);
        }
        if (!foundRelease.matches()) {
            // A repackaged kafka-clients may not know its version ("unknown"): let it run, and say so once.
            log.warn("Cannot tell the version of kafka-clients on the class path ({}); the KAFKA_CLIENTS backend needs"
                    + " {} or a later {}.x", found, builtAgainst, needed.group(1));
            return Optional.empty();
        }
        int neededMajor = Integer.parseInt(needed.group(1));
        int order = compare(foundRelease, needed);
        if (Integer.parseInt(foundRelease.group(1)) == neededMajor && order >= 0) {
            return Optional.empty();
        }
        String which = order < 0 ? "an older one, as a Spring Boot parent or BOM manages" : "a later major version";
        return Optional.of("org.apache.kafka:kafka-clients " + builtAgainst + " or a later " + neededMajor + ".x on the"
                + " class path, but it has kafka-clients " + found + " (" + which + "). Pin it in your build: under a"
                + " Spring Boot parent set the property <kafka.version>" + builtAgainst + "</kafka.version>; otherwise"
                + " put org.apache.kafka:kafka-clients " + builtAgainst + " in <dependencyManagement> ahead of any BOM"
                + " import");
    }

    private static int compare(Matcher found, Matcher needed) {
        for (int group = 1; group <= 3; group++) {
            int difference = Integer.compare(number(found, group), number(needed, group));
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }

    private static int number(Matcher release, int group) {
        String digits = release.group(group);
        return digits == null ? 0 : Integer.parseInt(digits);
    }
}
