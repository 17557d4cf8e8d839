package dev.gregor.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C the way a terminal sends it: the sample app runs on its embedded cluster in a JVM that leads its own process
 * group, with demo orders flowing and an unbillable order through the dead-letter topic, and SIGINT goes to that
 * whole group. The brokers the app started must not get it, and the app must stop within seconds with every
 * container's offsets committed, those of both topics of the audit listener, of the acknowledging batch listener and
 * of the key-ordered one (up to its first record not processed) too.
 */
class CtrlCShutdownTest {

    private static final Duration EXIT_LIMIT = Duration.ofSeconds(15);

    @TempDir
    static Path tmp;

    private static Process app;
    private static Path log;
    private static Path report;
    private static List<ProcessHandle> children;
    private static boolean exitedInTime;

    @BeforeAll
    static void startTheAppThenPressCtrlC() throws Exception {
        log = tmp.resolve("app.log");
        report = tmp.resolve("shutdown-report.txt");
        // setsid: the app leads a process group, as a shell makes for a foreground command; perl: SIGINT back to its
        // default action, since a build started in the background may hand it down as ignored.
        app = new ProcessBuilder("setsid", "perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                SampleApplication.class.getName(), "--server.port=0", "--sample.shutdown-report=" + report)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> !app.isAlive() || logText().contains("Started SampleApplication"));
        assertThat(app.isAlive()).as("the app is running; its log:\n%s", logText()).isTrue();
        placeAnUnbillableOrder();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> !app.isAlive() || (logText().contains("Billed order") && logText().contains("Audit: order")
                        && logText().contains("Exported a batch of") && logText().contains("Shipped order")
                        && logText().contains("at " + OrderTopics.ORDERS_DLT + "-")));
        assertThat(app.isAlive()).as("the app is running; its log:\n%s", logText()).isTrue();
        children = app.toHandle().children().toList();

        new ProcessBuilder("kill", "-INT", "--", "-" + app.pid()).inheritIO().start().waitFor();
        exitedInTime = app.waitFor(EXIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void killLeftovers() throws Exception {
        if (app != null && app.isAlive()) {
            app.descendants().forEach(ProcessHandle::destroyForcibly);
            app.destroyForcibly().waitFor();
        }
    }

    @Test
    void theAppExitsWithinSecondsOfCtrlC() throws IOException {
        assertThat(exitedInTime).as("exited within %s of SIGINT; its log:\n%s", EXIT_LIMIT, logText()).isTrue();
    }

    @Test
    void noBrokerOutlivesTheApp() {
        assertThat(children).as("the brokers the app started").isNotEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void everyContainerCommittedWhatItProcessed() throws IOException {
        assertThat(exitedInTime).as("exited in time").isTrue();
        List<String> lines = Files.readAllLines(report, StandardCharsets.UTF_8);
        assertThat(lines).as("groups billing, audit, export and shipping, per topic and partition")
                .anyMatch(line -> line.startsWith("billing orders "))
                .anyMatch(line -> line.startsWith("export orders "))
                .anyMatch(line -> line.startsWith("shipping orders "))
                .anyMatch(line -> line.startsWith("audit orders "))
                .anyMatch(line -> line.startsWith("audit orders.DLT "));
        assertThat(lines).allSatisfy(line ->
                assertThat(line).matches("\\w+ [\\w.]+ \\d+ processed=(\\d+) committed=\\1"));
    }

    @Test
    void theEmbeddedZooKeeperLogsNoBannerNorEnvironment() throws IOException {
        assertThat(logText()).doesNotContain("Server environment:").doesNotContain("______")
                .contains("Started SampleApplication");
    }

    /** Posts an order with a negative amount, which billing gives up on and puts into the dead-letter topic. */
    private static void placeAnUnbillableOrder() throws Exception {
        Matcher port = Pattern.compile("started on port (\\d+)").matcher(logText());
        assertThat(port.find()).as("the app logs its HTTP port; its log:\n%s", logText()).isTrue();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                .uri(URI.create("http://127.0.0.1:" + port.group(1) + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer\":\"mallory\",\"amount\":-1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("answer to the order: %s", answer.body()).isEqualTo(202);
    }

    private static String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
