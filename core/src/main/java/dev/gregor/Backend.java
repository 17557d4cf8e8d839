package dev.gregor;

/**
 * Which engine a producer or consumer runs on. Both give the same {@code Producer}, {@code SimpleConsumer} and
 * {@code BalancedConsumer} behaviour; Gregor's own code keeps partitioning, group membership and offset commits.
 */
public enum Backend {

    /** Gregor's own protocol engine on Netty (the default). */
    NATIVE,
    /**
     * Apache {@code kafka-clients}' {@code KafkaProducer} and {@code KafkaConsumer} (with manual assignment); needs
     * {@code dev.gregor:gregor-backend-kafka-clients} on the class path.
     */
    KAFKA_CLIENTS
}
