package dev.gregor.admin;

/** Where a config's value comes from, most specific first. */
public enum ConfigSource {
    /** Set for this topic. */
    TOPIC,
    /** Set for this broker while it runs. */
    DYNAMIC_BROKER,
    /** Set for every broker while they run. */
    DYNAMIC_DEFAULT_BROKER,
    /** Set for this broker's loggers. */
    DYNAMIC_BROKER_LOGGER,
    /** A client-metrics subscription's setting. */
    CLIENT_METRICS,
    /** Set for a group. */
    GROUP,
    /** From the broker's properties file. */
    STATIC_BROKER,
    /** Kafka's default. */
    DEFAULT,
    /** A source this client does not know (a newer broker's). */
    UNKNOWN
}
