package dev.gregor.admin;

/** The protocol a group runs. */
public enum GroupType {
    /** Kafka's classic protocol (JoinGroup and SyncGroup), consumer or other (Connect). */
    CLASSIC,
    /** The consumer protocol of KIP-848 (ConsumerGroupHeartbeat, assignment by the broker). */
    CONSUMER,
    /** A share group of KIP-932 (records handed out one by one). */
    SHARE,
    /** A Kafka Streams group of KIP-1071. */
    STREAMS,
    /** A type this client does not know (a newer broker's). */
    UNKNOWN
}
