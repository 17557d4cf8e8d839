package dev.gregor.internal.protocol.generator;

/** Java types, default values and "differs from the default" tests for schema fields. */
final class JavaTypes {

    private JavaTypes() {
    }

    /**
     * The Java type of a value of a schema type.
     *
     * @param type the schema type
     * @return the Java type, primitive where possible
     */
    static String javaType(FieldType type) {
        if (type instanceof PrimitiveType primitive) {
            return primitive.javaType();
        }
        if (type instanceof FieldType.ArrayType array) {
            return "List<" + elementType(array.element()) + ">";
        }
        return ((FieldType.StructType) type).name();
    }

    /**
     * The Java type of an array element of a schema type.
     *
     * @param type the element's schema type
     * @return a reference type
     */
    static String elementType(FieldType type) {
        return type instanceof PrimitiveType primitive ? primitive.boxedType() : javaType(type);
    }

    /**
     * The Java expression a field starts with: its schema default, or its type's natural default.
     *
     * @param owner the struct's name, for error messages
     * @param field the field
     * @return a Java expression
     * @throws SchemaException if the schema's default does not fit the field
     */
    static String defaultValue(String owner, FieldSpec field) {
        String raw = field.defaultValue();
        if ("null".equals(raw)) {
            if (field.nullableVersions().isEmpty()) {
                throw new SchemaException(owner + "." + field.name() + " defaults to null but is never nullable");
            }
            return "null";
        }
        if (field.type() instanceof PrimitiveType primitive) {
            return primitiveDefault(owner, field, primitive, raw);
        }
        if (field.type() instanceof FieldType.ArrayType) {
            return requireNoDefault(owner, field, "new ArrayList<>(0)");
        }
        return requireNoDefault(owner, field, "new " + javaType(field.type()) + "()");
    }

    /**
     * An expression that is true when a value differs from the field's default.
     *
     * @param owner the struct's name, for error messages
     * @param field the field
     * @param value the Java expression reading the value
     * @return a Java boolean expression
     */
    static String differsFromDefault(String owner, FieldSpec field, String value) {
        String initial = defaultValue(owner, field);
        if (initial.equals("null")) {
            return value + " != null";
        }
        if (field.type() instanceof FieldType.ArrayType) {
            return value + " == null || !" + value + ".isEmpty()";
        }
        if (field.type() instanceof FieldType.StructType) {
            return "!" + initial + ".equals(" + value + ")";
        }
        return switch ((PrimitiveType) field.type()) {
            case BOOL -> initial.equals("true") ? "!" + value : value;
            case STRING, UUID -> "!" + initial + ".equals(" + value + ")";
            case BYTES -> value + " == null || " + value + ".length != 0";
            case RECORDS -> value + " != null";
            default -> value + " != " + initial;
        };
    }

    private static String requireNoDefault(String owner, FieldSpec field, String naturalDefault) {
        if (field.defaultValue() != null && !field.defaultValue().isEmpty()) {
            throw new SchemaException(owner + "." + field.name() + " of type " + field.type()
                    + " cannot have default " + field.defaultValue());
        }
        return naturalDefault;
    }

    private static String primitiveDefault(String owner, FieldSpec field, PrimitiveType type, String raw) {
        return switch (type) {
            case BOOL -> raw == null ? "false" : booleanLiteral(owner, field, raw);
            case INT8 -> "(byte) " + integer(owner, field, raw, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case INT16 -> "(short) " + integer(owner, field, raw, Short.MIN_VALUE, Short.MAX_VALUE);
            case UINT16 -> Long.toString(integer(owner, field, raw, 0, 0xffff));
            case INT32 -> Long.toString(integer(owner, field, raw, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case UINT32 -> integer(owner, field, raw, 0, 0xffff_ffffL) + "L";
            case INT64 -> integer(owner, field, raw, Long.MIN_VALUE, Long.MAX_VALUE) + "L";
            case FLOAT64 -> raw == null ? "0.0" : Double.toString(Double.parseDouble(raw));
            case STRING -> JavaNames.stringLiteral(raw == null ? "" : raw);
            case BYTES -> requireNoDefault(owner, field, "ProtocolDefaults.EMPTY_BYTES");
            case RECORDS -> requireNoDefault(owner, field, "null");
            case UUID -> requireNoDefault(owner, field, "ProtocolDefaults.ZERO_UUID");
        };
    }

    private static String booleanLiteral(String owner, FieldSpec field, String raw) {
        if (!raw.equals("true") && !raw.equals("false")) {
            throw new SchemaException(owner + "." + field.name() + ": '" + raw + "' is not a boolean");
        }
        return raw;
    }

    private static long integer(String owner, FieldSpec field, String raw, long min, long max) {
        if (raw == null) {
            return 0;
        }
        try {
            long value = Long.decode(raw);
            if (value < min || value > max) {
                throw new SchemaException(owner + "." + field.name() + ": default " + raw + " is out of range");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new SchemaException(owner + "." + field.name() + ": '" + raw + "' is not an integer", e);
        }
    }
}
