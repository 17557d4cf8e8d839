package dev.gregor.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Order events with Gregor: {@code POST /orders} produces through the {@code TopicTemplate}; a balanced billing
 * listener and a simple audit listener consume; orders with a negative amount fail billing and land in
 * {@code orders.DLT}, which the audit listener reads too. Without {@code gregor.bootstrap-servers} it runs on an
 * embedded cluster.
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

    /** Starts the application. */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
