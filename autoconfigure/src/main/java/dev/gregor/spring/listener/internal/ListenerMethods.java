package dev.gregor.spring.listener.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** What the invokers share about listener methods: how to call one, and whether it takes batches. */
final class ListenerMethods {

    private ListenerMethods() {
    }

    /** A handle calling {@code method} on {@code bean} with its arguments spread from one {@code Object[]}. */
    static MethodHandle handle(Object bean, Method method) {
        int count = method.getParameterCount();
        try {
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method).bindTo(bean)
                    .asType(MethodType.genericMethodType(count))
                    .asSpreader(Object[].class, count);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot call @TopicListener method " + method, e);
        }
    }

    /**
     * Whether {@code method} is a batch listener: as {@code batch} says, or, when it is null (not set), whether the
     * first parameter is a {@link List}.
     *
     * @throws IllegalStateException if {@code batch} is "true" but the first parameter is not a parameterized List
     */
    static boolean isBatch(Method method, @Nullable Boolean batch) {
        boolean firstIsList = method.getParameterCount() > 0 && method.getParameterTypes()[0] == List.class;
        if (batch == null) {
            return firstIsList;
        }
        boolean wanted = batch;
        if (wanted && !(firstIsList && method.getGenericParameterTypes()[0] instanceof ParameterizedType)) {
            throw new IllegalStateException("@TopicListener method " + method + " has batch = true but its first"
                    + " parameter is not a List of the values (List<byte[]>, List<String>, List<Message> or a list of"
                    + " a JSON-mapped type)");
        }
        return wanted;
    }
}
