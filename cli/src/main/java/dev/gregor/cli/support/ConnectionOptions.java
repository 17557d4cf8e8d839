package dev.gregor.cli.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.gregor.KafkaClient;
import dev.gregor.security.SaslConfig;
import dev.gregor.security.SaslMechanism;
import dev.gregor.security.SecurityProtocol;
import dev.gregor.security.TlsConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of every command that talks to a cluster: where it is, how to authenticate, how long to wait. A flag
 * wins over the environment ({@code GREGOR_BOOTSTRAP}, {@code GREGOR_SASL_PASSWORD}), which wins over
 * {@code --command-config}.
 */
final class ConnectionOptions {

    static final String BOOTSTRAP_ENV = "GREGOR_BOOTSTRAP";
    static final String PASSWORD_ENV = "GREGOR_SASL_PASSWORD";

    @Option(names = {"-b", "--bootstrap-server"}, paramLabel = "HOST:PORT[,...]",
            description = "The brokers to start from; default: the GREGOR_BOOTSTRAP environment variable.")
    String bootstrapServer;

    @Option(names = "--command-config", paramLabel = "FILE", description = "Kafka client properties (security.protocol,"
            + " sasl.mechanism, sasl.jaas.config, ssl.truststore.location, ...), as Kafka's tools take them.")
    Path commandConfig;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.class,
            description = "How long each call to the cluster may take (e.g. 10s, 500ms, 2m; default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--security-protocol", paramLabel = "PROTOCOL",
            description = "PLAINTEXT (default), SSL, SASL_PLAINTEXT or SASL_SSL.")
    SecurityProtocol securityProtocol;

    @Option(names = "--sasl-mechanism", paramLabel = "MECHANISM", description = "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.")
    String saslMechanism;

    @Option(names = "--sasl-username", paramLabel = "USER", description = "The SASL user name.")
    String saslUsername;

    @Option(names = "--sasl-password", paramLabel = "PASSWORD",
            description = "The SASL password; better: the GREGOR_SASL_PASSWORD environment variable.")
    String saslPassword;

    @Option(names = "--tls-truststore", paramLabel = "FILE",
            description = "CA certificates to trust: a PEM file (.pem, .crt) or a JKS/PKCS12 store.")
    Path truststore;

    @Option(names = "--tls-truststore-password", paramLabel = "PASSWORD", description = "The trust store's password.")
    String truststorePassword;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "The client's key and certificate (mutual"
            + " TLS): a JKS/PKCS12 store.")
    Path keystore;

    @Option(names = "--tls-keystore-password", paramLabel = "PASSWORD", description = "The key store's password.")
    String keystorePassword;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "The client's certificate chain (PEM), with --tls-key.")
    Path certificate;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The client's unencrypted PKCS#8 private key (PEM).")
    Path privateKey;

    @Option(names = "--tls-no-hostname-verification",
            description = "Accept a broker certificate that does not name the host (test clusters only).")
    boolean noHostnameVerification;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private String bootstrap = "(none given)";

    /**
     * A client for the cluster these options name; it connects on first use.
     *
     * @throws ParameterException if no cluster is named, or the security options do not fit together
     */
    KafkaClient connect(Io io) {
        CommandConfig file = commandConfig == null ? CommandConfig.NONE : CommandConfig.read(commandConfig);
        Set<String> unused = file.unused();
        if (!unused.isEmpty()) {
            io.err().println("Ignoring properties of " + file.source() + " this tool does not use: "
                    + String.join(", ", unused));
        }
        bootstrap = first(Optional.ofNullable(bootstrapServer), first(env(io, BOOTSTRAP_ENV), file.get("bootstrap.servers")))
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "No cluster given: pass --bootstrap-server"
                        + " HOST:PORT or set " + BOOTSTRAP_ENV + "=HOST:PORT (e.g. localhost:9092)"));
        SecurityProtocol protocol = first(Optional.ofNullable(securityProtocol),
                file.get("security.protocol").map(ConnectionOptions::protocolNamed))
                .orElse(SecurityProtocol.PLAINTEXT);
        KafkaClient.Builder builder = KafkaClient.builder()
                .bootstrapServers(bootstrap)
                .clientId(file.get("client.id").orElse("gregor-cli"))
                .connectTimeout(timeout)
                .requestTimeout(timeout)
                .apiTimeout(timeout)
                .securityProtocol(protocol);
        if (protocol.usesSasl()) {
            builder.sasl(sasl(io, file));
        }
        if (protocol.usesTls()) {
            builder.tls(tls(file));
        } else if (truststore != null || keystore != null || certificate != null) {
            throw new ParameterException(spec.commandLine(), "TLS files given but --security-protocol is " + protocol
                    + ": use SSL or SASL_SSL");
        }
        return builder.build();
    }

    /** Where the command connects and how long it waits, for error messages. */
    Connection connection() {
        return new Connection(bootstrap, timeout == null ? Duration.ofSeconds(10) : timeout);
    }

    private SaslConfig sasl(Io io, CommandConfig file) {
        String mechanism = first(Optional.ofNullable(saslMechanism), file.get("sasl.mechanism")).orElse("PLAIN");
        Optional<String> user = first(Optional.ofNullable(saslUsername), file.jaasOption("username"));
        Optional<String> password = first(Optional.ofNullable(saslPassword),
                first(env(io, PASSWORD_ENV), file.jaasOption("password")));
        if (user.isEmpty() || password.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "SASL needs a user name and password: pass --sasl-username"
                    + " and --sasl-password (or " + PASSWORD_ENV + "), or sasl.jaas.config in --command-config");
        }
        return SaslConfig.withPassword(SaslMechanism.fromName(mechanism), user.get(), password.get());
    }

    private TlsConfig tls(CommandConfig file) {
        TlsConfig.Builder tls = TlsConfig.builder();
        Optional<Path> trust = first(Optional.ofNullable(truststore), file.get("ssl.truststore.location").map(Path::of));
        if (trust.isPresent()) {
            boolean pem = isPem(trust.get()) || file.get("ssl.truststore.type").filter("PEM"::equalsIgnoreCase).isPresent();
            if (pem) {
                tls.trustCertificates(trust.get());
            } else {
                tls.trustStore(trust.get(), first(Optional.ofNullable(truststorePassword),
                        file.get("ssl.truststore.password")).orElse(null));
            }
        }
        Optional<Path> keys = first(Optional.ofNullable(keystore), file.get("ssl.keystore.location").map(Path::of));
        if (keys.isPresent()) {
            tls.keyStore(keys.get(), first(Optional.ofNullable(keystorePassword), file.get("ssl.keystore.password"))
                    .orElse(null));
        } else if (certificate != null || privateKey != null) {
            if (certificate == null || privateKey == null) {
                throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together: give both");
            }
            tls.keyPem(certificate, privateKey);
        }
        boolean verifyHosts = !noHostnameVerification && !(file.has("ssl.endpoint.identification.algorithm")
                && file.get("ssl.endpoint.identification.algorithm").isEmpty());
        return tls.hostnameVerification(verifyHosts).build();
    }

    private static SecurityProtocol protocolNamed(String name) {
        try {
            return SecurityProtocol.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new CliException("security.protocol '" + name + "' in --command-config is not a protocol: write"
                    + " PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.");
        }
    }

    private static boolean isPem(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".pem") || name.endsWith(".crt");
    }

    private static Optional<String> env(Io io, String name) {
        return Optional.ofNullable(io.env().get(name)).filter(value -> !value.isBlank());
    }

    /** {@code preferred} if it has a value, else {@code fallback}. */
    private static <T> Optional<T> first(Optional<T> preferred, Optional<T> fallback) {
        return preferred.isPresent() ? preferred : fallback;
    }
}
