package dev.gregor.internal.protocol.generator;

/** Emits a struct's {@code size(short version)} and the value-size helper of each tagged field. */
final class SizeEmitter {

    private final StructContext context;
    private final CodeWriter code;

    SizeEmitter(StructContext context) {
        this.context = context;
        this.code = context.code();
    }

    void emit() {
        context.openCodecMethod("The exact number of bytes {@link #write} writes for the given version.", true,
                "int size(short version)");
        code.line("int size = 0;");
        for (FieldSpec field : context.untaggedFields()) {
            code.when(context.present(field), () -> sizeValue(field.type(), context.self(field),
                    context.compact(field), !field.nullableVersions().isEmpty()));
        }
        code.when(context.taggedSection(), this::sizeTaggedSection);
        code.line("return size;");
        code.close();
        for (FieldSpec field : context.taggedFields()) {
            code.blank();
            code.open("private int %s(short version)", StructContext.sizeMethod(field));
            code.line("int size = 0;");
            sizeValue(field.type(), context.self(field), VersionConditions.ALWAYS, !field.nullableVersions().isEmpty());
            code.line("return size;");
            code.close();
        }
    }

    private void sizeTaggedSection() {
        if (context.taggedFields().isEmpty()) {
            code.line("size += WireSize.unsignedVarint(0);");
            return;
        }
        code.line("int taggedFieldCount = 0;");
        for (FieldSpec field : context.taggedFields()) {
            code.open("if (%s)", context.writesTagged(field));
            code.line("taggedFieldCount++;");
            code.line("size += WireSize.taggedField(%d, %s(version));", field.tag(), StructContext.sizeMethod(field));
            code.close();
        }
        code.line("size += WireSize.unsignedVarint(taggedFieldCount);");
    }

    private void sizeValue(FieldType type, String value, String compact, boolean mayBeNull) {
        if (type instanceof FieldType.StructType) {
            code.line("size += %s.size(version);", value);
        } else if (type instanceof FieldType.ArrayType array) {
            code.line("size += WireSize.arrayLength(%s, %s);", value, compact);
            code.when(mayBeNull ? value + " != null" : VersionConditions.ALWAYS, () -> sizeElements(array, value, compact));
        } else {
            PrimitiveType primitive = (PrimitiveType) type;
            code.line("size += %s;", primitive.fixedSize() > 0 ? Integer.toString(primitive.fixedSize())
                    : sizePrimitive(primitive, value, compact));
        }
    }

    private void sizeElements(FieldType.ArrayType array, String value, String compact) {
        if (array.element() instanceof PrimitiveType primitive && primitive.fixedSize() > 0) {
            code.line("size += %s.size() * %d;", value, primitive.fixedSize());
            return;
        }
        code.open("for (%s element : %s)", JavaTypes.elementType(array.element()), value);
        sizeValue(array.element(), "element", compact, false);
        code.close();
    }

    private static String sizePrimitive(PrimitiveType type, String value, String compact) {
        return switch (type) {
            case STRING -> "WireSize.string(" + value + ", " + compact + ")";
            case BYTES -> "WireSize.bytes(" + value + ", " + compact + ")";
            case RECORDS -> "WireSize.records(" + value + ", " + compact + ")";
            default -> throw new IllegalArgumentException(type + " has a fixed size");
        };
    }
}
