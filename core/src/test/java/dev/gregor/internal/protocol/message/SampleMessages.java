package dev.gregor.internal.protocol.message;

import dev.gregor.internal.protocol.ProtocolMessage;
import dev.gregor.internal.protocol.generator.FieldSpec;
import dev.gregor.internal.protocol.generator.FieldType;
import dev.gregor.internal.protocol.generator.JavaNames;
import dev.gregor.internal.protocol.generator.MessageSpec;
import dev.gregor.internal.protocol.generator.PrimitiveType;
import dev.gregor.internal.protocol.generator.StructSpec;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;

/**
 * Builds generated messages with every field a version carries set to a deterministic pseudo-random value that
 * differs from the field's default, or to null where the version allows it and nulls are asked for. Fields the
 * version does not carry keep their defaults, so a write/read round trip must reproduce the message exactly.
 */
final class SampleMessages {

    private static final String ALPHABET = "abcXYZ09-_. é€😀";

    private final MessageSpec message;
    private final short version;
    private final boolean nulls;
    private final Random random;

    private SampleMessages(MessageSpec message, short version, boolean nulls, long seed) {
        this.message = message;
        this.version = version;
        this.nulls = nulls;
        this.random = new Random(seed);
    }

    /**
     * A message with every field of the version populated with a non-default value.
     * Its records buffers are pooled; the caller releases the message.
     */
    static ProtocolMessage populated(MessageSpec message, short version, long seed) {
        return new SampleMessages(message, version, false, seed).build();
    }

    /** Like {@link #populated}, but with null in every field the version allows to be null. */
    static ProtocolMessage populatedWithNulls(MessageSpec message, short version, long seed) {
        return new SampleMessages(message, version, true, seed).build();
    }

    private ProtocolMessage build() {
        return (ProtocolMessage) struct(message.name(), message.fields());
    }

    private Object struct(String structName, List<FieldSpec> fields) {
        try {
            Class<?> type = GeneratedSchemas.generatedClass(message, structName);
            Object instance = type.getConstructor().newInstance();
            Object defaults = type.getConstructor().newInstance();
            for (FieldSpec field : fields) {
                if (!field.versions().contains(version)) {
                    continue;
                }
                Method getter = type.getMethod(JavaNames.fieldName(field.name()));
                Method setter = type.getMethod(JavaNames.setterName(field.name()), getter.getReturnType());
                setter.invoke(instance, fieldValue(field, getter.invoke(defaults)));
            }
            return instance;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Cannot populate " + message.name() + "." + structName, e);
        }
    }

    private Object fieldValue(FieldSpec field, Object defaultValue) {
        if (nulls && field.nullableVersions().contains(version)) {
            return null;
        }
        if (defaultValue instanceof Boolean flag) {
            return !flag;
        }
        // Random values rarely equal a default; a few draws make it certain in practice.
        for (int attempt = 0; attempt < 10; attempt++) {
            Object value = value(field, field.type());
            if (!sameValue(value, defaultValue)) {
                return value;
            }
        }
        throw new AssertionError("No non-default value found for " + field.name());
    }

    private Object value(FieldSpec field, FieldType type) {
        if (type instanceof FieldType.ArrayType array) {
            List<Object> elements = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                elements.add(value(field, array.element()));
            }
            return elements;
        }
        if (type instanceof FieldType.StructType struct) {
            return struct(struct.name(), structFields(field, struct.name()));
        }
        return primitive((PrimitiveType) type);
    }

    private List<FieldSpec> structFields(FieldSpec field, String structName) {
        if (!field.fields().isEmpty()) {
            return field.fields();
        }
        return message.commonStructs().stream().filter(struct -> struct.name().equals(structName))
                .map(StructSpec::fields).findFirst()
                .orElseThrow(() -> new AssertionError("No struct " + structName + " in " + message.name()));
    }

    private Object primitive(PrimitiveType type) {
        return switch (type) {
            case BOOL -> random.nextBoolean();
            case INT8 -> (byte) random.nextInt();
            case INT16 -> (short) random.nextInt();
            case UINT16 -> random.nextInt(0x10000);
            case INT32 -> random.nextInt();
            case UINT32 -> random.nextLong() & 0xffff_ffffL;
            case INT64 -> random.nextLong();
            case FLOAT64 -> random.nextDouble();
            case STRING -> string();
            case BYTES -> bytes();
            case RECORDS -> PooledByteBufAllocator.DEFAULT.buffer().writeBytes(bytes());
            case UUID -> new UUID(random.nextLong(), random.nextLong());
        };
    }

    private String string() {
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0,
                    random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
        }
        return text.toString();
    }

    private byte[] bytes() {
        byte[] bytes = new byte[1 + random.nextInt(40)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static boolean sameValue(Object value, Object defaultValue) {
        return value instanceof byte[] bytes && defaultValue instanceof byte[] other
                ? Arrays.equals(bytes, other) : Objects.equals(value, defaultValue);
    }
}
