package dev.gregor.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * For a {@code @SpringBootTest}: starts the testkit's embedded Kafka cluster (and ZooKeeper) with the application
 * context and points the Gregor auto-configuration at it, whatever {@code gregor.bootstrap-servers} says. Size it with
 * {@code gregor.embedded.brokers}; needs {@code dev.gregor:gregor-testkit} on the test class path.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TestPropertySource(properties = "gregor.embedded.enabled=true")
public @interface EmbeddedGregorCluster {
}
