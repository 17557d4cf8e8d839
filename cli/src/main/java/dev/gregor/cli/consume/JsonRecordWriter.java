package dev.gregor.cli.consume;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import dev.gregor.Header;
import dev.gregor.Message;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * {@code consume --json}: one JSON object per record and line, {@code {"topic":..,"partition":..,"offset":..,
 * "timestamp":..,"key":..,"value":..,"headers":[{"key":..,"value":..}]}}; keys and values as UTF-8 text, null as null.
 */
final class JsonRecordWriter implements RecordWriter {

    private static final JsonFactory FACTORY = JsonFactory.builder().rootValueSeparator("").build();

    private final JsonGenerator json;

    JsonRecordWriter(OutputStream out) {
        this.json = FACTORY.createGenerator(ObjectWriteContext.empty(), out);
    }

    @Override
    public void write(Message message) {
        json.writeStartObject();
        json.writeStringProperty("topic", message.topic());
        json.writeNumberProperty("partition", message.partitionId());
        json.writeNumberProperty("offset", message.offset());
        json.writeNumberProperty("timestamp", message.timestamp());
        json.writeName("key");
        writeText(message.partitionKey());
        json.writeName("value");
        writeText(message.value());
        json.writeArrayPropertyStart("headers");
        for (Header header : message.headers()) {
            json.writeStartObject();
            json.writeStringProperty("key", header.key());
            json.writeName("value");
            writeText(header.value());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void writeText(byte[] bytes) {
        if (bytes == null) {
            json.writeNull();
        } else {
            json.writeString(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void flush() {
        json.flush();
    }
}
