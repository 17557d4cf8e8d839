package dev.gregor.internal.protocol.generator;

/** Emits a struct's fields with their defaults, and a getter and a chaining setter for each. */
final class AccessorEmitter {

    private final StructContext context;
    private final CodeWriter code;

    AccessorEmitter(StructContext context) {
        this.context = context;
        this.code = context.code();
    }

    void emitFields() {
        for (FieldSpec field : context.struct().fields()) {
            code.line("private %s %s = %s;", JavaTypes.javaType(field.type()), JavaNames.fieldName(field.name()),
                    JavaTypes.defaultValue(context.struct().name(), field));
        }
    }

    void emitAccessors() {
        for (FieldSpec field : context.struct().fields()) {
            String type = JavaTypes.javaType(field.type());
            String name = JavaNames.fieldName(field.name());
            boolean records = field.type() == PrimitiveType.RECORDS;
            code.blank();
            code.javadoc(JavaNames.javadoc(field.about()) + versionsNote(field)
                    + (records ? " The buffer stays owned by this object." : ""));
            code.open("public %s %s()", type, name);
            code.line("return this.%s;", name);
            code.close();
            code.blank();
            code.javadoc("Sets " + field.name() + " and returns this object."
                    + (records ? " This object takes ownership of the buffer: {@code release()} frees it." : ""));
            code.open("public %s %s(%s %s)", context.struct().name(), JavaNames.setterName(field.name()), type, name);
            code.line("this.%s = %s;", name, name);
            code.line("return this;");
            code.close();
        }
    }

    private String versionsNote(FieldSpec field) {
        String note = " Versions " + field.versions();
        if (!field.nullableVersions().isEmpty()) {
            note += ", nullable in " + field.nullableVersions();
        }
        if (field.isTagged()) {
            note += ", tag " + field.tag();
        }
        return note + ".";
    }
}
