package dev.gregor.internal.protocol.generator;

/** Emits {@code release()} for structs that hold records buffers, directly or through nested structs. */
final class ReleaseEmitter {

    private final StructContext context;
    private final CodeWriter code;

    ReleaseEmitter(StructContext context) {
        this.context = context;
        this.code = context.code();
    }

    void emit() {
        if (!context.index().holdsRecords(context.struct())) {
            return;
        }
        code.blank();
        if (context.topLevel()) {
            code.javadoc("Releases every records buffer this message holds, once; later calls do nothing.");
            code.line("@Override");
            code.open("public void release()");
        } else {
            code.open("private void release()");
        }
        for (FieldSpec field : context.struct().fields()) {
            if (!context.index().holdsRecords(field)) {
                continue;
            }
            String value = context.self(field);
            code.open("if (%s != null)", value);
            if (field.type() == PrimitiveType.RECORDS) {
                code.line("%s.release();", value);
                code.line("%s = null;", value);
            } else if (field.type() instanceof FieldType.ArrayType array) {
                code.open("for (%s element : %s)", JavaTypes.elementType(array.element()), value);
                code.line("element.release();");
                code.close();
            } else {
                code.line("%s.release();", value);
            }
            code.close();
        }
        code.close();
    }
}
