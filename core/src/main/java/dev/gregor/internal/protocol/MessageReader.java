package dev.gregor.internal.protocol;

import io.netty.buffer.ByteBuf;

/** Reads one kind of message: a generated class's {@code read} method, as a value. */
@FunctionalInterface
public interface MessageReader {

    /**
     * Reads a message of a version from a buffer, advancing its reader index.
     *
     * @param in the bytes; stays owned by the caller (records the message holds are retained slices of it)
     * @param version the protocol version
     * @return the message, whose {@link ProtocolMessage#release()} the caller must call when done
     * @throws MalformedMessageException if the bytes do not hold such a message
     */
    ProtocolMessage read(ByteBuf in, short version);
}
