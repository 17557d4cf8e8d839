package dev.gregor;

import dev.gregor.internal.async.Futures;

/**
 * Everything Gregor throws or completes a future with when Kafka work fails. The subclasses say what went wrong;
 * each message names the topic, partition or broker involved and what to do about it.
 */
public abstract sealed class KafkaException extends RuntimeException
        permits BrokerErrorException, BrokerUnavailableException, ClientClosedException, DeliveryException,
        AuthenticationException, AuthorizationException, InvalidConfigException, KafkaTimeoutException, ProtocolException,
        OffsetOutOfRangeException, RecordTooLargeException, TopicExistsException, UnknownPartitionException, UnknownTopicException,
        UnknownGroupException, GroupNotEmptyException, TransactionException,
        ZooKeeperUnavailableException {

    KafkaException(String message) {
        super(message);
    }

    KafkaException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A copy of {@code original} made on the current thread: its message, with {@code original} as the cause. */
    KafkaException(KafkaException original) {
        super(original.getMessage(), original);
    }

    static {
        Futures.rethrowWith(KafkaException::rethrown);
    }

    /**
     * This failure again, for the thread that waited for it: the same type, message and details, that thread's stack
     * trace, and this (with the stack of the I/O thread where it happened) as the cause.
     */
    abstract KafkaException rethrown();

    /** Whether trying the same operation again later may succeed. */
    public boolean isRetriable() {
        return false;
    }
}
