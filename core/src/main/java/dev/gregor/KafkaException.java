package dev.gregor;

/**
 * Everything Gregor throws or completes a future with when Kafka work fails. The subclasses say what went wrong;
 * each message names the topic, partition or broker involved and what to do about it.
 */
public abstract sealed class KafkaException extends RuntimeException
        permits BrokerErrorException, BrokerUnavailableException, ClientClosedException, DeliveryException,
        AuthenticationException, AuthorizationException, InvalidConfigException, KafkaTimeoutException, ProtocolException,
        OffsetOutOfRangeException, RecordTooLargeException, TopicExistsException, UnknownPartitionException, UnknownTopicException,
        ZooKeeperUnavailableException {

    KafkaException(String message) {
        super(message);
    }

    KafkaException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether trying the same operation again later may succeed. */
    public boolean isRetriable() {
        return false;
    }
}
