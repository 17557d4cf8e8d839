package dev.gregor.internal.protocol;

/** Bytes that do not decode as the expected message: truncated, or with an impossible length, null or varint. */
public final class MalformedMessageException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param field the message and field being read, e.g. {@code "FetchResponse.PartitionData.Records"}
     * @param problem what was wrong with the bytes
     */
    public MalformedMessageException(String field, String problem) {
        super("Malformed " + field + ": " + problem);
    }

    /**
     * Creates the exception for bytes that a library (a decompressor) refused.
     *
     * @param field the message and field being read
     * @param problem what was wrong with the bytes
     * @param cause the library's own error
     */
    public MalformedMessageException(String field, String problem, Throwable cause) {
        super("Malformed " + field + ": " + problem, cause);
    }
}
