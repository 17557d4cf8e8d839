package dev.gregor.producer;

/** How many replicas must have a record before the broker acknowledges it. */
public enum Acks {
    /** Fire and forget: the broker sends no answer; reports carry no offset and errors go unseen. */
    NONE((short) 0),
    /** The leader has written it. */
    LEADER((short) 1),
    /** Every in-sync replica has it: survives the loss of the leader. Required for idempotence. */
    ALL((short) -1);

    private final short wireValue;

    Acks(short wireValue) {
        this.wireValue = wireValue;
    }

    /** The value of {@code acks} in Produce requests. */
    public short wireValue() {
        return wireValue;
    }
}
