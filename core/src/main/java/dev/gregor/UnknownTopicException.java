package dev.gregor;

/** The cluster has no topic of that name (and the client may not create it). */
public final class UnknownTopicException extends KafkaException {

    private final String topic;

    /** For a topic the cluster does not know. */
    public UnknownTopicException(String topic) {
        super("Topic '" + topic + "' does not exist. Create it first: client.createTopic(\"" + topic + "\", partitions,"
                + " replicationFactor); or let the client create missing topics with the brokers' defaults:"
                + " KafkaClient.builder().autoCreateTopics(true), in Spring gregor.auto-create-topics=true."
                + " (The brokers' auto.create.topics.enable does not help: the client's topic lookups never ask brokers to create"
                + " a topic.)");
        this.topic = topic;
    }

    /** The topic's name. */
    public String topic() {
        return topic;
    }

    private UnknownTopicException(UnknownTopicException original) {
        super(original);
        this.topic = original.topic;
    }

    @Override
    KafkaException rethrown() {
        return new UnknownTopicException(this);
    }
}
