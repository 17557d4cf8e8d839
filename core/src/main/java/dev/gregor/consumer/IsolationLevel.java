package dev.gregor.consumer;

/** Which transactional records a consumer sees. */
public enum IsolationLevel {
    /** Every record, including those of transactions still open or aborted. */
    READ_UNCOMMITTED((byte) 0),
    /** Only records of committed transactions (and non-transactional ones), up to the last stable offset. */
    READ_COMMITTED((byte) 1);

    private final byte wireValue;

    IsolationLevel(byte wireValue) {
        this.wireValue = wireValue;
    }

    /** The value of {@code isolation_level} in Fetch and ListOffsets requests. */
    public byte wireValue() {
        return wireValue;
    }
}
