package dev.gregor;

/** The cluster has no topic of that name (and the client may not create it). */
public final class UnknownTopicException extends KafkaException {

    private final String topic;

    /** For a topic the cluster does not know. */
    public UnknownTopicException(String topic) {
        super("Topic '" + topic + "' does not exist. Create it first (KafkaClient.createTopic, or the broker's"
                + " auto.create.topics.enable), or build the client with autoCreateTopics(true).");
        this.topic = topic;
    }

    /** The topic's name. */
    public String topic() {
        return topic;
    }
}
