package dev.gregor.internal.protocol.generator;

import java.util.Arrays;
import java.util.Optional;

/** The primitive field types of Kafka's schemas, with how each maps to Java and how many bytes a fixed one takes. */
public enum PrimitiveType implements FieldType {
    /** One byte, 0 or 1. */
    BOOL("bool", "boolean", "Boolean", 1),
    /** A signed byte. */
    INT8("int8", "byte", "Byte", 1),
    /** A signed big-endian 16-bit integer. */
    INT16("int16", "short", "Short", 2),
    /** An unsigned big-endian 16-bit integer, held in an int. */
    UINT16("uint16", "int", "Integer", 2),
    /** A signed big-endian 32-bit integer. */
    INT32("int32", "int", "Integer", 4),
    /** An unsigned big-endian 32-bit integer, held in a long. */
    UINT32("uint32", "long", "Long", 4),
    /** A signed big-endian 64-bit integer. */
    INT64("int64", "long", "Long", 8),
    /** An IEEE 754 double. */
    FLOAT64("float64", "double", "Double", 8),
    /** A UTF-8 string with a length prefix. */
    STRING("string", "String", "String", -1),
    /** Raw bytes with a length prefix. */
    BYTES("bytes", "byte[]", "byte[]", -1),
    /** A record batch blob with a length prefix, held as a Netty buffer. */
    RECORDS("records", "ByteBuf", "ByteBuf", -1),
    /** A 16-byte UUID. */
    UUID("uuid", "UUID", "UUID", 16);

    private final String schemaName;
    private final String javaType;
    private final String boxedType;
    private final int fixedSize;

    PrimitiveType(String schemaName, String javaType, String boxedType, int fixedSize) {
        this.schemaName = schemaName;
        this.javaType = javaType;
        this.boxedType = boxedType;
        this.fixedSize = fixedSize;
    }

    /**
     * Finds the primitive a schema type name denotes.
     *
     * @param name the schema's type name
     * @return the primitive, empty if the name is not a primitive
     */
    public static Optional<PrimitiveType> forSchemaName(String name) {
        return Arrays.stream(values()).filter(type -> type.schemaName.equals(name)).findFirst();
    }

    /**
     * The Java type of a field of this type.
     *
     * @return a Java type, primitive where possible
     */
    public String javaType() {
        return javaType;
    }

    /**
     * The Java type of an element of an array of this type.
     *
     * @return a reference type
     */
    public String boxedType() {
        return boxedType;
    }

    /**
     * How many bytes a value takes on the wire, for fixed-size types.
     *
     * @return the size, or -1 if it depends on the value
     */
    public int fixedSize() {
        return fixedSize;
    }

    /**
     * Tells whether Java holds the value as an object that may be null.
     *
     * @return true for strings, bytes, records and UUIDs
     */
    public boolean isReference() {
        return fixedSize < 0 || this == UUID;
    }

    @Override
    public String toString() {
        return schemaName;
    }
}
