package dev.gregor.spring.listener;

import java.nio.file.Path;
import java.time.Duration;

import dev.gregor.Message;
import dev.gregor.spring.support.LineReport;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * A group member in a JVM of its own for {@link ErrorHandlingIntegrationTests}: a balanced listener whose every record takes
 * {@link #WORK} of work, reporting each record it finished ({@code processed <partition> <offset>}) and each
 * revocation ({@code revoked}) to a file, line by line, so that the test can SIGKILL it right after a revocation.
 * Arguments: the bootstrap servers, the topic (also the group), the report file.
 */
public final class RevokeWindowMemberMain {

    static final Duration WORK = Duration.ofMillis(700);

    private RevokeWindowMemberMain() {
    }

    /** Runs until killed. */
    public static void main(String[] args) {
        new SpringApplicationBuilder(Member.class).web(WebApplicationType.NONE)
                .properties("gregor.bootstrap-servers=" + args[0], "gregor.embedded.enabled=false",
                        "member.topic=" + args[1], "member.report=" + args[2])
                .run();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Member {

        @Bean
        LineReport report(org.springframework.core.env.Environment environment) {
            return new LineReport(Path.of(environment.getRequiredProperty("member.report")));
        }

        @Bean
        SlowListener slowListener(LineReport report) {
            return new SlowListener(report);
        }

        @Bean
        ApplicationListener<ListenerContainerEvent.PartitionsRevoked> revocations(LineReport report) {
            return event -> {
                if (!event.partitions().isEmpty()) {
                    report.line("revoked " + event.partitions());
                }
            };
        }
    }

    static final class SlowListener {
        private final LineReport report;

        SlowListener(LineReport report) {
            this.report = report;
        }

        @TopicListener(topics = "${member.topic}", group = "${member.topic}", mode = TopicListener.Mode.BALANCED)
        void receive(Message message) throws InterruptedException {
            Thread.sleep(WORK.toMillis());
            report.line("processed " + message.partitionId() + " " + message.offset());
        }
    }
}
