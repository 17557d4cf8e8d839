package dev.gregor.spring.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies what is written to {@code System.err} (where the test logger writes) while it is open, and still lets it
 * through; close it to put the original stream back.
 */
public final class CapturedStandardError implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    private CapturedStandardError() {
        System.setErr(new PrintStream(new Tee(), true, StandardCharsets.UTF_8));
    }

    /** Starts capturing. */
    public static CapturedStandardError start() {
        return new CapturedStandardError();
    }

    /** Everything written so far. */
    public synchronized String text() {
        return copy.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setErr(original);
    }

    private final class Tee extends OutputStream {

        @Override
        public void write(int b) {
            original.write(b);
            synchronized (CapturedStandardError.this) {
                copy.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            original.write(bytes, offset, length);
            synchronized (CapturedStandardError.this) {
                copy.write(bytes, offset, length);
            }
        }
    }
}
