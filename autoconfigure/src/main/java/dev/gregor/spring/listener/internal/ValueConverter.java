package dev.gregor.spring.listener.internal;

import java.lang.reflect.Type;
import java.util.function.Function;

import dev.gregor.Message;
import dev.gregor.spring.core.ValueDeserializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a record's value into a listener's value type (bytes, text, the whole {@link Message}, or JSON: see
 * {@link ValueDeserializer}), failing with a {@link ValueConversionException} where it cannot.
 */
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
        Function<Message, @Nullable Object> reader = new ValueDeserializer(jsonMapper)
                .reader("The value of @TopicListener method " + listener, genericType, type);
        return message -> {
            try {
                return reader.apply(message);
            } catch (RuntimeException e) {
                throw new ValueConversionException("The value at offset " + message.offset() + " of " + message.topic()
                        + "-" + message.partitionId() + " is not a JSON " + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        };
    }
}
