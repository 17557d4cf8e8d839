package dev.gregor.spring.listener.internal;

import java.lang.reflect.Type;
import java.util.function.Function;

import dev.gregor.Message;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/** Turns a record's value into a listener's value type: bytes, text, the whole {@link Message}, or JSON. */
final class ValueConverter {

    private ValueConverter() {
    }

    /**
     * The conversion to {@code type} ({@code genericType} with its type arguments), for {@code listener} in error
     * messages; JSON needs {@code jsonMapper}.
     *
     * @throws IllegalStateException if the type needs JSON and there is no mapper
     */
    static Function<Message, @Nullable Object> to(String listener, Type genericType, Class<?> type,
                                                 @Nullable JsonMapper jsonMapper) {
        if (type == byte[].class) {
            return Message::value;
        }
        if (type == String.class) {
            return Message::valueAsString;
        }
        if (type == Message.class) {
            return message -> message;
        }
        if (jsonMapper == null) {
            throw new IllegalStateException("@TopicListener method " + listener + " takes a " + type.getName()
                    + " but there is no JSON mapper: add spring-boot-jackson, or take byte[] or String");
        }
        JavaType javaType = jsonMapper.constructType(genericType);
        return message -> {
            if (message.value() == null) {
                return null;
            }
            try {
                return jsonMapper.readValue(message.value(), javaType);
            } catch (RuntimeException e) {
                throw new ValueConversionException("The value at offset " + message.offset() + " of " + message.topic()
                        + "-" + message.partitionId() + " is not a JSON " + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        };
    }
}
