package dev.gregor.spring.listener;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import dev.gregor.Message;
import dev.gregor.spring.support.LineReport;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * A group member in a JVM of its own for {@link KeyOrderedIntegrationTests}: a key-ordered balanced listener whose
 * every record takes 0-5 ms of work, reporting each record it finished ({@code r <partition> <offset> <value>}) and
 * each assignment ({@code assigned [...]}) to a file, one unbuffered write per line, so that what a SIGKILLed member
 * reported is what it processed. Arguments: the bootstrap servers, the topic (also the group), the report file.
 */
public final class KeyOrderedMemberMain {

    private KeyOrderedMemberMain() {
    }

    /** Runs until killed or terminated (then it stops gracefully). */
    public static void main(String[] args) {
        new SpringApplicationBuilder(Member.class).web(WebApplicationType.NONE)
                .properties("gregor.bootstrap-servers=" + args[0], "gregor.embedded.enabled=false",
                        "gregor.consumer.session-timeout=6s", "gregor.listener.commit-interval=200ms",
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
        Worker worker(LineReport report) {
            return new Worker(report);
        }

        @Bean
        ApplicationListener<ListenerContainerEvent.PartitionsAssigned> assignments(LineReport report) {
            return event -> {
                if (!event.partitions().isEmpty()) {
                    report.line("assigned " + event.partitions());
                }
            };
        }
    }

    static final class Worker {
        private final LineReport report;

        Worker(LineReport report) {
            this.report = report;
        }

        @TopicListener(topics = "${member.topic}", group = "${member.topic}", mode = TopicListener.Mode.BALANCED,
                ordering = TopicListener.Ordering.KEY, parallelism = "256")
        void receive(Message message) throws InterruptedException {
            Thread.sleep(ThreadLocalRandom.current().nextInt(6));
            report.line("r " + message.partitionId() + " " + message.offset() + " " + message.valueAsString());
        }
    }
}
