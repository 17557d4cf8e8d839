package dev.gregor.internal.protocol;

import io.netty.buffer.ByteBuf;

/**
 * A Kafka protocol message that writes itself in any version it supports. Every generated request, response,
 * header and data class implements it; each also has {@code static read(ByteBuf in, short version)}.
 */
public interface ProtocolMessage {

    /**
     * Writes the message in a version, advancing {@code out}'s writer index by exactly {@link #size(short)} bytes.
     *
     * @param out where to write; stays owned by the caller
     * @param version the protocol version
     * @throws UnsupportedVersionException if the class does not support the version
     * @throws MessageEncodingException if a field's value cannot be written in that version
     */
    void write(ByteBuf out, short version);

    /**
     * The exact number of bytes {@link #write} writes, so a caller can size a buffer or write a length prefix first.
     *
     * @param version the protocol version
     * @return the encoded size in bytes
     * @throws UnsupportedVersionException if the class does not support the version
     */
    int size(short version);

    /**
     * Releases the records buffers this message owns (those of Produce requests and Fetch responses); does nothing
     * for messages without records. Call it once when done with the message; later calls do nothing.
     */
    default void release() {
    }
}
