package dev.gregor.cli.support;

import java.time.Duration;

/**
 * Where a command connects and how long it waits, for its error messages.
 *
 * @param bootstrap the bootstrap servers, or a note that none were given
 * @param timeout   how long each call to the cluster may take
 */
public record Connection(String bootstrap, Duration timeout) {
}
