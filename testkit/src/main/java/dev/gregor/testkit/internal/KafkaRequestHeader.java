package dev.gregor.testkit.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * What the proxy needs from a request frame: its API key, version and correlation id, and whether the broker will
 * answer it (a Produce with {@code acks=0} gets no response).
 *
 * @param apiKey          the request's API key
 * @param apiVersion      the request's API version
 * @param correlationId   the id its response carries
 * @param expectsResponse false for a Produce request with {@code acks=0}
 */
record KafkaRequestHeader(int apiKey, int apiVersion, int correlationId, boolean expectsResponse) {

    private static final int PRODUCE = 0;
    private static final int FIRST_FLEXIBLE_PRODUCE = 9;

    /** The header of a frame (length prefix included), or null if the frame is too short to have one. */
    static KafkaRequestHeader parse(byte[] frame) {
        if (frame.length < 12) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(frame, 4, frame.length - 4);
        int apiKey = buffer.getShort();
        int apiVersion = buffer.getShort();
        int correlationId = buffer.getInt();
        return new KafkaRequestHeader(apiKey, apiVersion, correlationId,
                apiKey != PRODUCE || producesAnswer(buffer, apiVersion));
    }

    /** Reads past the client id (and the tagged fields of a flexible header) and the transactional id to acks. */
    private static boolean producesAnswer(ByteBuffer buffer, int version) {
        try {
            skip(buffer, buffer.getShort());
            boolean flexible = version >= FIRST_FLEXIBLE_PRODUCE;
            if (flexible) {
                int fields = unsignedVarint(buffer);
                for (int i = 0; i < fields; i++) {
                    unsignedVarint(buffer);
                    skip(buffer, unsignedVarint(buffer));
                }
                skip(buffer, unsignedVarint(buffer) - 1);
            } else {
                skip(buffer, buffer.getShort());
            }
            return buffer.getShort() != 0;
        } catch (BufferUnderflowException | IllegalArgumentException malformed) {
            return true;
        }
    }

    private static void skip(ByteBuffer buffer, int length) {
        if (length > 0) {
            buffer.position(buffer.position() + length);
        }
    }

    private static int unsignedVarint(ByteBuffer buffer) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = buffer.get();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}
