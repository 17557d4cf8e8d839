package dev.gregor.internal.protocol.generator;

/** Emits a struct's {@code write(ByteBuf out, short version)}. */
final class WriteEmitter {

    private final StructContext context;
    private final CodeWriter code;

    WriteEmitter(StructContext context) {
        this.context = context;
        this.code = context.code();
    }

    void emit() {
        context.openCodecMethod("Writes this message in the given version; {@code out} stays owned by the caller.",
                true, "void write(ByteBuf out, short version)");
        for (FieldSpec field : context.struct().fields()) {
            if (field.isTagged()) {
                code.when(field.ignorable() ? VersionConditions.NEVER : context.absent(field),
                        () -> rejectNonDefault(field));
            } else {
                code.whenElse(context.present(field), () -> writeField(field, context.compact(field)),
                        () -> rejectNonDefault(field));
            }
        }
        code.when(context.taggedSection(), this::writeTaggedSection);
        code.close();
    }

    private void writeTaggedSection() {
        if (context.taggedFields().isEmpty()) {
            code.line("WireWriter.writeUnsignedVarint(out, 0);");
            return;
        }
        StringBuilder count = new StringBuilder();
        for (FieldSpec field : context.taggedFields()) {
            code.line("boolean %s = %s;", writesFlag(field), context.writesTagged(field));
            count.append(count.length() == 0 ? "" : " + ").append("(").append(writesFlag(field)).append(" ? 1 : 0)");
        }
        code.line("WireWriter.writeUnsignedVarint(out, %s);", count);
        for (FieldSpec field : context.taggedFields()) {
            code.open("if (%s)", writesFlag(field));
            rejectNull(field);
            code.line("WireWriter.writeUnsignedVarint(out, %d);", field.tag());
            code.line("WireWriter.writeUnsignedVarint(out, %s(version));", StructContext.sizeMethod(field));
            writeValue(field.type(), context.self(field), VersionConditions.ALWAYS, !field.nullableVersions().isEmpty());
            code.close();
        }
    }

    private static String writesFlag(FieldSpec field) {
        return "writes" + field.name();
    }

    private void rejectNonDefault(FieldSpec field) {
        if (field.ignorable()) {
            return;
        }
        code.open("if (%s)", JavaTypes.differsFromDefault(context.struct().name(), field, context.self(field)));
        code.line("throw MessageEncodingException.absentField(%s, version);", context.path(field));
        code.close();
    }

    private void writeField(FieldSpec field, String compact) {
        rejectNull(field);
        writeValue(field.type(), context.self(field), compact, !field.nullableVersions().isEmpty());
    }

    private void rejectNull(FieldSpec field) {
        String notNullable = context.notNullable(field);
        if (!field.isReference() || notNullable.equals(VersionConditions.NEVER)) {
            return;
        }
        String value = context.self(field);
        code.open("if (%s)", notNullable.equals(VersionConditions.ALWAYS)
                ? value + " == null" : value + " == null && (" + notNullable + ")");
        code.line("throw MessageEncodingException.nullField(%s, version);", context.path(field));
        code.close();
    }

    private void writeValue(FieldType type, String value, String compact, boolean mayBeNull) {
        if (type instanceof FieldType.StructType) {
            code.line("%s.write(out, version);", value);
        } else if (type instanceof FieldType.ArrayType array) {
            code.line("WireWriter.writeArrayLength(out, %s, %s);", value, compact);
            code.when(mayBeNull ? value + " != null" : VersionConditions.ALWAYS, () -> {
                code.open("for (%s element : %s)", JavaTypes.elementType(array.element()), value);
                writeValue(array.element(), "element", compact, false);
                code.close();
            });
        } else {
            code.line("%s;", writePrimitive((PrimitiveType) type, value, compact));
        }
    }

    private static String writePrimitive(PrimitiveType type, String value, String compact) {
        return switch (type) {
            case BOOL -> "out.writeBoolean(" + value + ")";
            case INT8 -> "out.writeByte(" + value + ")";
            case INT16, UINT16 -> "out.writeShort(" + value + ")";
            case INT32 -> "out.writeInt(" + value + ")";
            case UINT32 -> "out.writeInt((int) " + value + ")";
            case INT64 -> "out.writeLong(" + value + ")";
            case FLOAT64 -> "out.writeDouble(" + value + ")";
            case STRING -> "WireWriter.writeString(out, " + value + ", " + compact + ")";
            case BYTES -> "WireWriter.writeBytes(out, " + value + ", " + compact + ")";
            case RECORDS -> "WireWriter.writeRecords(out, " + value + ", " + compact + ")";
            case UUID -> "WireWriter.writeUuid(out, " + value + ")";
        };
    }
}
