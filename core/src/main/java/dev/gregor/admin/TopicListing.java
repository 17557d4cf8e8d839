package dev.gregor.admin;

/**
 * A topic as a listing shows it.
 *
 * @param name              the topic's name
 * @param internal          whether it is one of Kafka's own ({@code __consumer_offsets} and the like)
 * @param partitions        how many partitions it has
 * @param replicationFactor how many replicas its first partition has
 */
public record TopicListing(String name, boolean internal, int partitions, int replicationFactor) {
}
