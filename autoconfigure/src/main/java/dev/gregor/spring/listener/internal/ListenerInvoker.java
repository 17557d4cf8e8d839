package dev.gregor.spring.listener.internal;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import dev.gregor.Message;
import dev.gregor.spring.listener.Acknowledgment;
import dev.gregor.spring.listener.Header;
import dev.gregor.spring.listener.Key;
import dev.gregor.spring.listener.Offset;
import dev.gregor.spring.listener.PartitionId;
import dev.gregor.spring.listener.Topic;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls one listener method for a message. How each parameter is taken from the message is decided once, when the
 * invoker is made; each call then fills an argument array and goes through a {@link MethodHandle}, without
 * reflection per record. What a method returns goes to its {@link ReplyPublisher}, if it has one, within the call.
 */
public final class ListenerInvoker {

    private final MethodHandle handle;
    private final Function<Message, @Nullable Object>[] arguments;
    private final int acknowledgmentIndex;
    private final @Nullable ReplyPublisher replies;

    /** An invoker of {@code method} on {@code bean}; JSON parameters use {@code jsonMapper} (null: none allowed). */
    public ListenerInvoker(Object bean, Method method, @Nullable JsonMapper jsonMapper) {
        this(bean, method, jsonMapper, null);
    }

    /** As above, sending what the method returns through {@code replies} (null: the return value is ignored). */
    @SuppressWarnings("unchecked")
    public ListenerInvoker(Object bean, Method method, @Nullable JsonMapper jsonMapper,
                           @Nullable ReplyPublisher replies) {
        this.replies = replies;
        Parameter[] parameters = method.getParameters();
        this.arguments = new Function[parameters.length];
        boolean valueBound = false;
        int acknowledgmentIndex = -1;
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            Function<Message, @Nullable Object> annotated = annotatedArgument(parameter);
            if (annotated != null) {
                arguments[i] = annotated;
            } else if (parameter.getType() == Message.class) {
                arguments[i] = message -> message;
            } else if (parameter.getType() == Acknowledgment.class) {
                acknowledgmentIndex = i;
                arguments[i] = message -> null;
            } else if (!valueBound) {
                arguments[i] = ValueConverter.to(method.toString(), parameter.getParameterizedType(), parameter.getType(),
                        jsonMapper);
                valueBound = true;
            } else {
                throw new IllegalStateException("@TopicListener method " + method + " has more than one parameter for"
                        + " the value; annotate the others with @Topic, @Key, @PartitionId, @Offset or @Header");
            }
        }
        this.acknowledgmentIndex = acknowledgmentIndex;
        this.handle = ListenerMethods.handle(bean, method);
    }

    /** Whether the method takes an {@link Acknowledgment}: it commits by hand. */
    public boolean acknowledges() {
        return acknowledgmentIndex >= 0;
    }

    /**
     * Calls the method for {@code message}, handing it {@code acknowledgment} if it takes one, then sends what it
     * returned as the reply (when there is a reply publisher).
     *
     * @throws ValueConversionException if the message cannot become the parameters (not worth retrying)
     * @throws Throwable                whatever the method throws, or why its reply could not be sent
     */
    public void invoke(Message message, @Nullable Acknowledgment acknowledgment) throws Throwable {
        Object[] values = new Object[arguments.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments[i].apply(message);
        }
        if (acknowledgmentIndex >= 0) {
            values[acknowledgmentIndex] = acknowledgment;
        }
        Object result = (Object) handle.invokeExact(values);
        if (replies != null) {
            replies.reply(message, result);
        }
    }

    private static @Nullable Function<Message, @Nullable Object> annotatedArgument(Parameter parameter) {
        Class<?> type = parameter.getType();
        if (parameter.isAnnotationPresent(Key.class)) {
            return type == byte[].class ? Message::partitionKey : Message::keyAsString;
        }
        if (parameter.isAnnotationPresent(Topic.class)) {
            return Message::topic;
        }
        if (parameter.isAnnotationPresent(PartitionId.class)) {
            return Message::partitionId;
        }
        if (parameter.isAnnotationPresent(Offset.class)) {
            return Message::offset;
        }
        Header header = parameter.getAnnotation(Header.class);
        if (header != null) {
            String key = header.value();
            return message -> {
                dev.gregor.Header found = message.header(key);
                if (found == null || found.value() == null) {
                    return null;
                }
                return type == byte[].class ? found.value() : new String(found.value(), StandardCharsets.UTF_8);
            };
        }
        return null;
    }
}
