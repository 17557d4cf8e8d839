package dev.gregor.internal.group;

import dev.gregor.AuthorizationException;
import dev.gregor.BrokerErrorException;
import dev.gregor.internal.protocol.ErrorCode;

/**
 * What a group coordinator's error code means to the request that got it: nothing, a retry (after looking the
 * coordinator up again if it moved), a refused authorization, or a failure naming the group's operation.
 */
public final class GroupErrors {

    private GroupErrors() {
    }

    /**
     * Throws what {@code error}, answered to {@code operation} on {@code group}, means: a retriable
     * {@link BrokerErrorException} for coordinator trouble (forgetting {@code coordinator} when it moved), an
     * {@link AuthorizationException}, or else a {@link BrokerErrorException}; returns for {@code NONE}.
     */
    public static void check(ErrorCode error, String group, String operation, GroupCoordinatorLookup coordinator) {
        switch (error) {
            case NONE -> { }
            case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE -> {
                coordinator.forget();
                throw new BrokerErrorException(operation, error.name(), true);
            }
            case COORDINATOR_LOAD_IN_PROGRESS -> throw new BrokerErrorException(operation, error.name(), true);
            case GROUP_AUTHORIZATION_FAILED -> throw new AuthorizationException("use", "consumer group '" + group + "'");
            case TOPIC_AUTHORIZATION_FAILED -> throw new AuthorizationException("read offsets of", "the topic (group '" + group + "')");
            default -> throw new BrokerErrorException(operation, error.name(), error.isRetriable() || error == ErrorCode.UNSTABLE_OFFSET_COMMIT);
        }
    }
}
