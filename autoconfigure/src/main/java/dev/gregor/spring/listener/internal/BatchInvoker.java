package dev.gregor.spring.listener.internal;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import dev.gregor.Message;
import dev.gregor.spring.listener.Acknowledgment;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls one batch listener method: its first parameter a {@code List} of values (bytes, text, {@link Message} or a
 * JSON-mapped type), optionally an {@link Acknowledgment} after it. Records are converted one by one first, so that
 * a record that cannot be converted is found alone.
 */
public final class BatchInvoker {

    private final MethodHandle handle;
    private final Function<Message, @Nullable Object> converter;
    private final boolean acknowledges;

    /** An invoker of the batch listener {@code method} on {@code bean}; JSON elements use {@code jsonMapper}. */
    public BatchInvoker(Object bean, Method method, @Nullable JsonMapper jsonMapper) {
        Type listType = method.getGenericParameterTypes()[0];
        if (!(listType instanceof ParameterizedType parameterized)) {
            throw new IllegalStateException("@TopicListener method " + method + " takes a raw List: say what it holds,"
                    + " e.g. List<String> or List<Message>");
        }
        Type element = parameterized.getActualTypeArguments()[0];
        if (element instanceof WildcardType wildcard) {
            element = wildcard.getUpperBounds()[0];
        }
        Class<?> elementClass = element instanceof ParameterizedType generic ? (Class<?>) generic.getRawType()
                : element instanceof Class<?> plain ? plain : Object.class;
        this.converter = ValueConverter.to(method.toString(), element, elementClass, jsonMapper);
        Class<?>[] types = method.getParameterTypes();
        boolean takesAcknowledgment = types.length == 2 && types[1] == Acknowledgment.class;
        if (types.length > 2 || (types.length == 2 && !takesAcknowledgment)) {
            throw new IllegalStateException("@TopicListener method " + method + " is a batch listener: it takes the"
                    + " List of values and optionally an Acknowledgment, nothing else; take List<Message> to see each"
                    + " record's topic, key, partition, offset and headers");
        }
        this.acknowledges = takesAcknowledgment;
        this.handle = ListenerMethods.handle(bean, method);
    }

    /** Whether the method takes an {@link Acknowledgment}: it commits by hand. */
    public boolean acknowledges() {
        return acknowledges;
    }

    /**
     * The value the method gets for {@code message}.
     *
     * @throws ValueConversionException if it cannot be converted (a poison pill)
     */
    @Nullable Object convert(Message message) {
        return converter.apply(message);
    }

    /** Calls the method with {@code values} (converted by {@link #convert}), handing it {@code acknowledgment}. */
    void invoke(List<@Nullable Object> values, @Nullable Acknowledgment acknowledgment) throws Throwable {
        List<@Nullable Object> batch = Collections.unmodifiableList(values);
        Object[] arguments = acknowledges ? new Object[] {batch, acknowledgment} : new Object[] {batch};
        Object ignored = (Object) handle.invokeExact(arguments);
    }
}
