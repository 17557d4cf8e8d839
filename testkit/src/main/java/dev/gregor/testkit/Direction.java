package dev.gregor.testkit;

/** Which way traffic flows through a {@link FaultProxy}. */
public enum Direction {
    /** From the client to the broker. */
    REQUESTS,
    /** From the broker to the client. */
    RESPONSES
}
