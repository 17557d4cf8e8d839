package dev.gregor.cli.support;

import dev.gregor.BrokerUnavailableException;
import dev.gregor.GroupNotEmptyException;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaException;
import dev.gregor.KafkaTimeoutException;
import dev.gregor.TopicExistsException;
import dev.gregor.UnknownGroupException;
import dev.gregor.UnknownPartitionException;
import dev.gregor.UnknownTopicException;

/**
 * What went wrong, as the command tells it: a stable code (for {@code --json}) and one line naming the problem and
 * the fix in the command's own terms (the library's messages speak of its API).
 *
 * @param code    {@code unknown-topic}, {@code unknown-group}, {@code group-not-empty}, {@code unreachable}, ...
 * @param message one line
 */
public record Problem(String code, String message) {

    /** The problem {@code failure} stands for, in a command that talked to the cluster as {@code connection} says. */
    public static Problem of(Throwable failure, Connection connection) {
        if (failure instanceof CliException cli) {
            return new Problem("failed", cli.getMessage());
        }
        if (failure instanceof UnknownTopicException unknown) {
            return new Problem("unknown-topic", "Topic '" + unknown.topic() + "' does not exist: check the name with"
                    + " 'gregor topics', or create it with 'gregor topic create " + unknown.topic() + "'.");
        }
        if (failure instanceof UnknownGroupException unknown) {
            return new Problem("unknown-group", "Group '" + unknown.group() + "' does not exist: check the name with"
                    + " 'gregor groups'.");
        }
        if (failure instanceof GroupNotEmptyException notEmpty) {
            return new Problem("group-not-empty", "Group '" + notEmpty.group() + "' has live members, so nothing was"
                    + " changed: stop its consumers (or wait until their sessions time out), then run this again.");
        }
        if (failure instanceof TopicExistsException) {
            return new Problem("topic-exists", oneLine(failure.getMessage()).replaceFirst(";.*$",
                    ": pick another name, or delete it first with 'gregor topic delete'."));
        }
        if (failure instanceof KafkaTimeoutException || failure instanceof BrokerUnavailableException) {
            return new Problem("unreachable", "The cluster at " + connection.bootstrap() + " did not answer within "
                    + Durations.describe(connection.timeout()) + ": check --bootstrap-server (or GREGOR_BOOTSTRAP) and"
                    + " that its brokers run, or allow longer with --timeout. (" + oneLine(failure.getMessage()) + ")");
        }
        if (failure instanceof UnknownPartitionException || failure instanceof InvalidConfigException) {
            return new Problem("invalid", oneLine(failure.getMessage()));
        }
        if (failure instanceof KafkaException) {
            return new Problem("kafka", oneLine(failure.getMessage()));
        }
        return new Problem("internal", "Unexpected " + failure.getClass().getSimpleName() + ": "
                + oneLine(String.valueOf(failure.getMessage())) + " (run again with --verbose for the stack trace)");
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
