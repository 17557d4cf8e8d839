package dev.gregor.cli.consume;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.gregor.Header;
import dev.gregor.Message;

/**
 * A kcat-style {@code --format} string: {@code %t} topic, {@code %p} partition, {@code %o} offset, {@code %k} key,
 * {@code %s} value, {@code %h} headers ({@code k=v,k=v}), {@code %T} timestamp (epoch ms), {@code %K} and {@code %S}
 * key and value lengths ({@code -1} for null), {@code %%} a percent sign; {@code \n}, {@code \t}, {@code \r} and
 * {@code \\} escapes. A null key or value prints as nothing. Keys and values are written as their bytes.
 */
final class RecordFormat implements RecordWriter {

    /** kcat's default: the value and a newline. */
    static final String DEFAULT = "%s\\n";

    private static final String FIELDS = "tpoksShTK%";

    private final OutputStream out;
    private final List<Object> parts;
    private final byte[] digits = new byte[20];
    private byte[] topicBytes = new byte[0];
    private String topic = "";

    /**
     * Compiles {@code format} for writing to {@code out} (which should buffer).
     *
     * @throws IllegalArgumentException naming an unknown {@code %} field
     */
    RecordFormat(String format, OutputStream out) {
        this.out = out;
        this.parts = compile(format);
    }

    private static List<Object> compile(String format) {
        List<Object> parts = new ArrayList<>();
        ByteArrayOutputStream literal = new ByteArrayOutputStream();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if ((c == '%' || c == '\\') && i + 1 < format.length()) {
                char next = format.charAt(++i);
                if (c == '\\') {
                    literal.write(next == 'n' ? '\n' : next == 't' ? '\t' : next == 'r' ? '\r' : next);
                    continue;
                }
                if (FIELDS.indexOf(next) < 0) {
                    throw new IllegalArgumentException("--format has an unknown field %" + next + ": use %t %p %o %k %s"
                            + " %h %T %K %S or %% for a percent sign");
                }
                if (next == '%') {
                    literal.write('%');
                    continue;
                }
                if (literal.size() > 0) {
                    parts.add(literal.toByteArray());
                    literal.reset();
                }
                parts.add(next);
            } else {
                literal.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        if (literal.size() > 0) {
            parts.add(literal.toByteArray());
        }
        return parts;
    }

    @Override
    public void write(Message message) throws IOException {
        for (Object part : parts) {
            if (part instanceof byte[] literal) {
                out.write(literal);
            } else {
                writeField((Character) part, message);
            }
        }
    }

    private void writeField(char field, Message message) throws IOException {
        switch (field) {
            case 't' -> out.write(topicBytes(message.topic()));
            case 'p' -> writeNumber(message.partitionId());
            case 'o' -> writeNumber(message.offset());
            case 'T' -> writeNumber(message.timestamp());
            case 'k' -> writeBytes(message.partitionKey());
            case 's' -> writeBytes(message.value());
            case 'K' -> writeNumber(message.partitionKey() == null ? -1 : message.partitionKey().length);
            case 'S' -> writeNumber(message.value() == null ? -1 : message.value().length);
            default -> writeHeaders(message.headers());
        }
    }

    private byte[] topicBytes(String name) {
        if (!name.equals(topic)) {
            topic = name;
            topicBytes = name.getBytes(StandardCharsets.UTF_8);
        }
        return topicBytes;
    }

    private void writeHeaders(List<Header> headers) throws IOException {
        for (int i = 0; i < headers.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(headers.get(i).key().getBytes(StandardCharsets.UTF_8));
            out.write('=');
            writeBytes(headers.get(i).value());
        }
    }

    private void writeBytes(byte[] bytes) throws IOException {
        if (bytes != null) {
            out.write(bytes);
        }
    }

    /** Writes a number's decimal digits without making a string. */
    private void writeNumber(long number) throws IOException {
        if (number < 0) {
            out.write('-');
            if (number == Long.MIN_VALUE) {
                out.write("9223372036854775808".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            number = -number;
        }
        int position = digits.length;
        do {
            digits[--position] = (byte) ('0' + number % 10);
            number /= 10;
        } while (number > 0);
        out.write(digits, position, digits.length - position);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
