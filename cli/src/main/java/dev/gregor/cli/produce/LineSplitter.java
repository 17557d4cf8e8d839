package dev.gregor.cli.produce;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a byte stream into lines at {@code \n}, as bytes (records need not be text): the newline is dropped, a last
 * line without one is kept, and nothing follows a final newline.
 */
final class LineSplitter {

    private final InputStream input;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private boolean exhausted;

    LineSplitter(InputStream input) {
        this.input = input;
    }

    /** The next line, or null at the end of the stream. */
    byte[] next() throws IOException {
        byte[] carried = null;
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    byte[] line = joined(carried, i);
                    start = i + 1;
                    return line;
                }
            }
            if (end > start) {
                carried = joined(carried, end);
            }
            start = 0;
            end = exhausted ? -1 : input.read(buffer);
            if (end < 0) {
                exhausted = true;
                end = 0;
                return carried;
            }
        }
    }

    /** {@code carried} followed by the buffer from {@code start} up to {@code until}. */
    private byte[] joined(byte[] carried, int until) {
        int length = until - start;
        if (carried == null) {
            return Arrays.copyOfRange(buffer, start, until);
        }
        byte[] line = Arrays.copyOf(carried, carried.length + length);
        System.arraycopy(buffer, start, line, carried.length, length);
        return line;
    }
}
