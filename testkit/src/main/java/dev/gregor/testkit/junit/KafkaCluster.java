package dev.gregor.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a running {@link dev.gregor.testkit.EmbeddedKafkaCluster}: declare a parameter of that type
 * on the constructor, a {@code @BeforeAll}/{@code @BeforeEach} method or a test method.
 *
 * <p>Clusters are shared: every test class in the run that asks for the same shape (brokers, ZooKeeper, broker
 * properties) gets the same cluster, started once and closed when the run ends. Tests on a shared cluster should
 * use their own topic names (and group names). A class may stop, kill or pause brokers and set proxy faults on a
 * shared cluster if it undoes them after each test, even a failed one ({@code cluster.heal()} in an
 * {@code @AfterEach} method), as the classes of a run take turns on it (unless JUnit is told to run classes in
 * parallel). A class that changes what {@code heal()} cannot undo should set {@link #isolated()} to get a cluster
 * of its own, closed after the class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaClusterExtension.class)
public @interface KafkaCluster {

    /** How many brokers (each also a KRaft controller). */
    int brokers() default 1;

    /** Whether to start a ZooKeeper server too. */
    boolean zookeeper() default false;

    /** Broker configuration properties as {@code name=value}, applied over the testkit's defaults. */
    String[] brokerProperties() default {};

    /** Whether the brokers also get the secured listeners (TLS, mTLS, SASL): see {@code EmbeddedKafkaCluster.Builder.secured()}. */
    boolean secured() default false;

    /** SASL session lifetime in milliseconds ({@code connections.max.reauth.ms}); 0 for none. Implies secured. */
    long reauthenticationMs() default 0;

    /**
     * Whether each broker sits behind a {@link dev.gregor.testkit.FaultProxy} (see
     * {@code EmbeddedKafkaCluster.Builder.faultProxies()}); a class that sets faults on a shared cluster heals
     * them after each test (see above).
     */
    boolean faultProxies() default false;

    /** Whether this class gets a cluster of its own instead of the shared one of its shape. */
    boolean isolated() default false;
}
