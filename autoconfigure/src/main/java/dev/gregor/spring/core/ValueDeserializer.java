package dev.gregor.spring.core;

import java.lang.reflect.Type;
import java.util.function.Function;

import dev.gregor.Message;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a record's value into a Java value, the way {@link ValueSerializer} made it: {@code byte[]} as it is,
 * {@code String} from UTF-8, the whole {@link Message}, or anything else from JSON. A tombstone (null value) stays
 * null.
 */
public final class ValueDeserializer {

    private final @Nullable JsonMapper jsonMapper;

    /** A deserializer that reads JSON with {@code jsonMapper} (null: only bytes, strings and messages). */
    public ValueDeserializer(@Nullable JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /**
     * The reading of values as {@code type} ({@code genericType} with its type arguments); JSON that does not fit
     * fails the reading with Jackson's exception.
     *
     * @param what what is read, for the error ("The value of @TopicListener method ...")
     * @throws IllegalStateException if the type needs JSON and there is no mapper
     */
    public Function<Message, @Nullable Object> reader(String what, Type genericType, Class<?> type) {
        if (type == byte[].class) {
            return Message::value;
        }
        if (type == String.class) {
            return Message::valueAsString;
        }
        if (type == Message.class) {
            return message -> message;
        }
        JsonMapper mapper = jsonMapper;
        if (mapper == null) {
            throw new IllegalStateException(what + " is a " + type.getName() + ", which is read from JSON, but there is"
                    + " no JSON mapper: add spring-boot-jackson, or use byte[] or String");
        }
        JavaType javaType = mapper.constructType(genericType);
        return message -> message.value() == null ? null : mapper.readValue(message.value(), javaType);
    }
}
