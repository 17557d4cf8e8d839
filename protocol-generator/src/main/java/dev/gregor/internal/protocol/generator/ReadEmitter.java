package dev.gregor.internal.protocol.generator;

/** Emits a struct's {@code static read(ByteBuf in, short version)}. */
final class ReadEmitter {

    private final StructContext context;
    private final CodeWriter code;
    private final String className;

    ReadEmitter(StructContext context) {
        this.context = context;
        this.code = context.code();
        this.className = context.struct().name();
    }

    void emit() {
        boolean holdsRecords = context.index().holdsRecords(context.struct());
        context.openCodecMethod("Reads a " + className + " of the given version from {@code in}, advancing its reader "
                + "index; {@code in} stays owned by the caller"
                + (holdsRecords ? ", and the records buffers read are retained slices that {@link #release} frees" : "")
                + ". Throws MalformedMessageException if the bytes do not hold such a message.",
                false, "static " + className + " read(ByteBuf in, short version)");
        code.line("%s message = new %s();", className, className);
        if (holdsRecords) {
            // A failure part-way must not leak the records slices already taken.
            code.open("try");
            readFields();
            code.closeAndOpen("catch (RuntimeException e)");
            code.line("message.release();");
            code.line("throw e;");
            code.close();
        } else {
            readFields();
        }
        code.line("return message;");
        code.close();
    }

    private void readFields() {
        for (FieldSpec field : context.untaggedFields()) {
            code.when(context.present(field), () -> readField(field, context.compact(field)));
        }
        code.when(context.taggedSection(), this::readTaggedSection);
    }

    private void readTaggedSection() {
        String owner = JavaNames.stringLiteral(context.owner() + " tagged fields");
        code.line("int taggedFieldCount = WireReader.readTaggedFieldCount(in, %s);", owner);
        code.open("for (int tagged = 0; tagged < taggedFieldCount; tagged++)");
        code.line("int tag = WireReader.readUnsignedVarint(in, %s);", owner);
        code.line("int end = WireReader.readTaggedFieldEnd(in, %s);", owner);
        if (!context.taggedFields().isEmpty()) {
            code.open("switch (tag)");
            for (FieldSpec field : context.taggedFields()) {
                code.open("case %d ->", field.tag());
                code.when(context.presentTagged(field), () -> readField(field, VersionConditions.ALWAYS));
                code.close();
            }
            code.close();
        }
        code.line("WireReader.skipToTaggedFieldEnd(in, end, %s);", owner);
        code.close();
    }

    private void readField(FieldSpec field, String compact) {
        String target = "message." + JavaNames.fieldName(field.name());
        if (!(field.type() instanceof FieldType.ArrayType array)) {
            code.line("%s = %s;", target, readValue(field.type(), compact, context.nullable(field), context.path(field)));
            return;
        }
        String length = JavaNames.fieldName(field.name()) + "Length";
        String nullable = context.nullable(field);
        code.line("int %s = WireReader.readArrayLength(in, %s, %s, %s);", length, compact, nullable,
                context.path(field));
        Runnable readElements = () -> {
            code.line("%s = new ArrayList<>(%s);", target, length);
            code.open("for (int i = 0; i < %s; i++)", length);
            code.line("%s.add(%s);", target, readValue(array.element(), compact, VersionConditions.NEVER,
                    context.path(field)));
            code.close();
        };
        if (nullable.equals(VersionConditions.NEVER)) {
            readElements.run();
        } else {
            code.whenElse(length + " >= 0", readElements, () -> code.line("%s = null;", target));
        }
    }

    private static String readValue(FieldType type, String compact, String nullable, String path) {
        if (type instanceof FieldType.StructType struct) {
            return struct.name() + ".read(in, version)";
        }
        return switch ((PrimitiveType) type) {
            case BOOL -> "WireReader.readBoolean(in, " + path + ")";
            case INT8 -> "WireReader.readInt8(in, " + path + ")";
            case INT16 -> "WireReader.readInt16(in, " + path + ")";
            case UINT16 -> "WireReader.readUint16(in, " + path + ")";
            case INT32 -> "WireReader.readInt32(in, " + path + ")";
            case UINT32 -> "WireReader.readUint32(in, " + path + ")";
            case INT64 -> "WireReader.readInt64(in, " + path + ")";
            case FLOAT64 -> "WireReader.readFloat64(in, " + path + ")";
            case UUID -> "WireReader.readUuid(in, " + path + ")";
            case STRING -> "WireReader.readString(in, " + compact + ", " + nullable + ", " + path + ")";
            case BYTES -> "WireReader.readBytes(in, " + compact + ", " + nullable + ", " + path + ")";
            case RECORDS -> "WireReader.readRecords(in, " + compact + ", " + nullable + ", " + path + ")";
        };
    }
}
