package dev.gregor.producer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How record keys and values appear in log lines and {@code toString()}: the size, and the first bytes as quoted
 * text when they are printable UTF-8, so that a megabyte value never floods a log and binary data never garbles one.
 */
final class BytesPreview {

    /** Bytes shown at most; the rest is cut off and marked with an ellipsis. */
    static final int MAX_BYTES = 64;

    private BytesPreview() {
    }

    /** {@code null}, {@code "text" (n bytes)} or {@code n bytes}. */
    static String of(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        String size = bytes.length + (bytes.length == 1 ? " byte" : " bytes");
        String text = printablePrefix(bytes);
        return text == null ? size : "\"" + text + (bytes.length > MAX_BYTES ? "…" : "") + "\" (" + size + ")";
    }

    /** The first {@link #MAX_BYTES} bytes as text, or {@code null} if they are not printable UTF-8. */
    private static String printablePrefix(byte[] bytes) {
        int shown = Math.min(bytes.length, MAX_BYTES);
        boolean whole = shown == bytes.length;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes, 0, shown);
        CharBuffer text = CharBuffer.allocate(shown);
        // Not the end of the input when cut short: a character split by the cut is left out rather than malformed.
        if (decoder.decode(input, text, whole).isError() || (whole && input.hasRemaining())) {
            return null;
        }
        text.flip();
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return null;
            }
        }
        return text.toString();
    }
}
