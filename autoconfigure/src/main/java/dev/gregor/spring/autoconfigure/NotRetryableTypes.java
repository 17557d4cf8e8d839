package dev.gregor.spring.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/** The exception classes {@code gregor.listener.not-retryable} names, each checked to exist and to be a Throwable. */
final class NotRetryableTypes {

    private static final String PROPERTY = "gregor.listener.not-retryable";

    private NotRetryableTypes() {
    }

    /** The classes of {@code names}, loaded with {@code loader}. */
    static Set<Class<? extends Throwable>> of(List<String> names, @Nullable ClassLoader loader) {
        Set<Class<? extends Throwable>> types = new LinkedHashSet<>();
        for (String name : names) {
            String trimmed = name.trim();
            Class<?> type;
            try {
                type = ClassUtils.forName(trimmed, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw invalid(trimmed, "no such class on the class path: check the spelling and the package", e);
            }
            if (!Throwable.class.isAssignableFrom(type)) {
                throw invalid(trimmed, type.getName() + " is not an exception (not a java.lang.Throwable)", null);
            }
            types.add(type.asSubclass(Throwable.class));
        }
        return types;
    }

    private static InvalidGregorPropertyException invalid(String name, String problem, @Nullable Throwable cause) {
        return new InvalidGregorPropertyException(PROPERTY, name, "fully qualified names of exception classes",
                "Fix " + PROPERTY + ": " + problem + "; list fully qualified names of exception classes,"
                        + " e.g. java.lang.IllegalArgumentException.", cause);
    }
}
