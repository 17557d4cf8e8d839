package dev.gregor.internal.protocol;

/** A message whose field values cannot be written in the requested version. */
public final class MessageEncodingException extends RuntimeException {

    private MessageEncodingException(String message) {
        super(message);
    }

    /**
     * A non-default value in a field the version does not carry and whose loss is not ignorable.
     *
     * @param field the message and field, e.g. {@code "FetchRequest.FetchPartition.LastFetchedEpoch"}
     * @param version the version being written
     * @return the exception to throw
     */
    public static MessageEncodingException absentField(String field, short version) {
        return new MessageEncodingException(field + " is set to a non-default value, but version " + version
                + " cannot carry it");
    }

    /**
     * A null in a field the version does not allow to be null.
     *
     * @param field the message and field
     * @param version the version being written
     * @return the exception to throw
     */
    public static MessageEncodingException nullField(String field, short version) {
        return new MessageEncodingException(field + " is null, but is not nullable in version " + version);
    }

    /**
     * A value too long for its length prefix.
     *
     * @param what the kind of value, e.g. "string"
     * @param length its length in bytes
     * @param limit the longest the prefix allows
     * @return the exception to throw
     */
    public static MessageEncodingException tooLong(String what, int length, int limit) {
        return new MessageEncodingException("A " + what + " of " + length + " bytes exceeds the limit of " + limit);
    }
}
