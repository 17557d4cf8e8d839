package dev.gregor;

/** A topic could not be created because one of that name exists. */
public final class TopicExistsException extends KafkaException {

    /** For the topic that exists already. */
    public TopicExistsException(String topic) {
        super("Topic '" + topic + "' already exists; use client.topic(\"" + topic + "\") to work with it");
    }

    private TopicExistsException(TopicExistsException original) {
        super(original);
    }

    @Override
    KafkaException rethrown() {
        return new TopicExistsException(this);
    }
}
