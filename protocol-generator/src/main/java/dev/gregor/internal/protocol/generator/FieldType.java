package dev.gregor.internal.protocol.generator;

/** The type of a schema field: a primitive, an array ({@code "[]T"}) or a struct named by the schema. */
public sealed interface FieldType permits PrimitiveType, FieldType.ArrayType, FieldType.StructType {

    /**
     * Parses a schema type name.
     *
     * @param text the type as written in the schema, e.g. {@code "int32"}, {@code "[]FetchTopic"}
     * @return the type
     */
    static FieldType parse(String text) {
        if (text.startsWith("[]")) {
            FieldType element = parse(text.substring(2));
            if (element instanceof ArrayType || element == PrimitiveType.RECORDS) {
                throw new SchemaException("Arrays of " + element + " are not supported: " + text);
            }
            return new ArrayType(element);
        }
        return PrimitiveType.forSchemaName(text)
                .<FieldType>map(primitive -> primitive)
                .orElseGet(() -> structNamed(text));
    }

    private static FieldType structNamed(String text) {
        if (text.isEmpty() || !Character.isUpperCase(text.charAt(0))
                || !text.chars().allMatch(Character::isLetterOrDigit)) {
            throw new SchemaException("'" + text + "' is neither a known type nor a struct name");
        }
        return new StructType(text);
    }

    /**
     * An array of elements of one type.
     *
     * @param element the element type
     */
    record ArrayType(FieldType element) implements FieldType {
        @Override
        public String toString() {
            return "[]" + element;
        }
    }

    /**
     * A struct, defined inline by the field or among the schema's common structs.
     *
     * @param name the struct's name, which is also its Java class name
     */
    record StructType(String name) implements FieldType {
        @Override
        public String toString() {
            return name;
        }
    }
}
