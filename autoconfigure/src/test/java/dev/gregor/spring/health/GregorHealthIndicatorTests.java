package dev.gregor.spring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;

import dev.gregor.KafkaClient;
import dev.gregor.spring.support.CapturedStandardError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** Health against brokers that cannot be reached: a reason a person can act on, no pile-up, no WARN per probe. */
class GregorHealthIndicatorTests {

    private final int closedPort = closedPort();
    private KafkaClient client;

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void probesWhileNoBrokerAnswersAreDownWithTheReasonShareOneLookupAndLogNothing() {
        client = KafkaClient.builder().bootstrapServers("127.0.0.1:" + closedPort).apiTimeout(Duration.ofSeconds(30))
                .build();
        GregorHealthIndicator indicator = new GregorHealthIndicator(client, null, Duration.ofMillis(200));

        try (CapturedStandardError log = CapturedStandardError.start()) {
            long lookingUpBefore = threadsLookingUpTheCluster();
            for (int probe = 0; probe < 5; probe++) {
                Health health = indicator.health();
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(String.valueOf(health.getDetails().get("error")))
                        .contains("No broker answered within 200 ms", "127.0.0.1:" + closedPort);
            }
            assertThat(threadsLookingUpTheCluster()).as("threads waiting for the cluster after 5 probes")
                    .isLessThanOrEqualTo(lookingUpBefore + 1);
            assertThat(log.text()).doesNotContain("health check failed");
        }
    }

    @Test
    void aLookupThatFailedIsReportedWithItsErrorAtTheNextProbe() {
        client = KafkaClient.builder().bootstrapServers("127.0.0.1:" + closedPort).apiTimeout(Duration.ofSeconds(1))
                .build();
        GregorHealthIndicator indicator = new GregorHealthIndicator(client, null, Duration.ofMillis(200));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(String.valueOf(health.getDetails().get("error")))
                    .doesNotContain("No broker answered within").contains("127.0.0.1:" + closedPort);
        });
    }

    private static long threadsLookingUpTheCluster() {
        return Thread.getAllStackTraces().values().stream().filter(stack -> Arrays.stream(stack)
                .anyMatch(frame -> frame.getClassName().equals(KafkaClient.class.getName())
                        && frame.getMethodName().equals("cluster"))).count();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
