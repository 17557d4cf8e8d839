package dev.gregor.internal.protocol.message;

import dev.gregor.internal.protocol.MessageReader;
import dev.gregor.internal.protocol.ProtocolMessage;
import dev.gregor.internal.protocol.generator.MessageSpec;
import dev.gregor.internal.protocol.generator.SchemaLoader;
import io.netty.buffer.ByteBuf;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/** The schemas core generates classes for, read from the kafka-clients jar, and every version of each. */
final class GeneratedSchemas {

    /** The schemas core's pom generates besides the APIs' requests and responses. */
    static final List<String> STANDALONE = List.of("RequestHeader", "ResponseHeader", "ConsumerProtocolSubscription",
            "ConsumerProtocolAssignment");

    private static final List<MessageSpec> ALL = load();

    private GeneratedSchemas() {
    }

    /** Every generated schema. */
    static List<MessageSpec> all() {
        return ALL;
    }

    /** One argument set (schema, version) for every version of every generated schema. */
    static Stream<Arguments> everyVersion() {
        return ALL.stream().flatMap(message -> IntStream
                .rangeClosed(message.validVersions().lowest(), message.validVersions().highest())
                .mapToObj(version -> Arguments.of(Named.of(message.name(), message), (short) version)));
    }

    /** The generated class of a schema, or of one of its structs. */
    static Class<?> generatedClass(MessageSpec message, String structName) {
        String name = GeneratedSchemas.class.getPackageName() + "." + message.name()
                + (structName.equals(message.name()) ? "" : "$" + structName);
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("No generated class " + name, e);
        }
    }

    /** The generated static {@code read} of a schema's class, as a reader. */
    static MessageReader reader(MessageSpec message) {
        Method read;
        try {
            read = generatedClass(message, message.name()).getMethod("read", ByteBuf.class, short.class);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(message.name() + " has no read method", e);
        }
        return (in, version) -> {
            try {
                return (ProtocolMessage) read.invoke(null, in, version);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new AssertionError(e.getCause());
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        };
    }

    private static List<MessageSpec> load() {
        SchemaLoader loader = new SchemaLoader(GeneratedSchemas.class.getClassLoader());
        List<MessageSpec> messages = new ArrayList<>();
        for (ApiKey api : ApiKey.values()) {
            messages.add(loader.load(api.title() + "Request"));
            messages.add(loader.load(api.title() + "Response"));
        }
        STANDALONE.forEach(name -> messages.add(loader.load(name)));
        return List.copyOf(messages);
    }
}
