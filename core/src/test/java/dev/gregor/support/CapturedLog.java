package dev.gregor.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the tests' logging binding (slf4j-simple, which writes each line to whatever {@code System.err} is at that
 * moment) prints while this is open, still passed on to the real {@code System.err}.
 */
public final class CapturedLog implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private CapturedLog() {
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (captured) {
                    captured.write(bytes, offset, length);
                }
                original.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                original.flush();
            }
        }, true, StandardCharsets.UTF_8));
    }

    /** Starts capturing. */
    public static CapturedLog start() {
        return new CapturedLog();
    }

    /** The lines printed so far that contain every one of {@code parts}. */
    public List<String> lines(String... parts) {
        String all;
        synchronized (captured) {
            all = captured.toString(StandardCharsets.UTF_8);
        }
        return all.lines().filter(line -> List.of(parts).stream().allMatch(line::contains)).toList();
    }

    /** Stops capturing. */
    @Override
    public void close() {
        System.setErr(original);
    }
}
