package dev.gregor.spring.listener;

import dev.gregor.Message;

/**
 * Names the dead-letter topic of a record that could not be processed. Declare one as a bean to replace the default,
 * {@code <topic>.DLT}; a topic it names that does not exist is created with as many partitions as the record's
 * topic. The copy goes to the record's partition number when the dead-letter topic has at least as many partitions
 * as the record's topic; otherwise the partitioner picks its partition. A {@link DltHandler} method reads the
 * default-named topics unless it names its own.
 */
@FunctionalInterface
public interface DeadLetterTopicResolver {

    /** The default: {@code <topic>.DLT}. */
    DeadLetterTopicResolver DEFAULT = (failed, failure) -> defaultTopic(failed.topic());

    /** The topic {@code failed} goes to after {@code failure}. */
    String topicFor(Message failed, Throwable failure);

    /** The default dead-letter topic of {@code topic}: {@code <topic>.DLT}. */
    static String defaultTopic(String topic) {
        return topic + ".DLT";
    }
}
