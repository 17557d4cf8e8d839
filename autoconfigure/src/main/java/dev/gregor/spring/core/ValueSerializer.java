package dev.gregor.spring.core;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** Turns values and keys into bytes: {@code byte[]} as they are, {@code String} as UTF-8, anything else as JSON. */
public final class ValueSerializer {

    private final @Nullable JsonMapper jsonMapper;

    /** A serializer that writes JSON with {@code jsonMapper} (null: only bytes and strings are accepted). */
    public ValueSerializer(@Nullable JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** The bytes of {@code value}. */
    public byte[] serialize(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (jsonMapper == null) {
            throw new IllegalArgumentException("Cannot send a " + value.getClass().getName() + ": without Jackson on the"
                    + " class path only byte[] and String values are supported. Add spring-boot-jackson for JSON.");
        }
        return jsonMapper.writeValueAsBytes(value);
    }
}
