package dev.gregor.internal.protocol.generator;

import java.util.ArrayList;
import java.util.List;

/** Emits {@code equals}, {@code hashCode} and {@code toString} over all of a struct's fields. */
final class ObjectMethodsEmitter {

    private final StructContext context;
    private final CodeWriter code;

    ObjectMethodsEmitter(StructContext context) {
        this.context = context;
        this.code = context.code();
    }

    void emit() {
        String className = context.struct().name();
        List<String> equalities = new ArrayList<>();
        List<String> hashed = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (FieldSpec field : context.struct().fields()) {
            String name = JavaNames.fieldName(field.name());
            if (field.type() == PrimitiveType.BYTES) {
                equalities.add("Arrays.equals(this." + name + ", that." + name + ")");
                hashed.add("Arrays.hashCode(this." + name + ")");
                // Byte fields carry SASL credentials among others: show how many bytes, never what they are.
                shown.add("\"" + name + "=\" + (this." + name + " == null ? \"null\" : this." + name
                        + ".length + \" bytes\")");
            } else if (field.type() == PrimitiveType.RECORDS) {
                // Buffers print their internals; the size is what a reader of a log needs.
                equalities.add("Objects.equals(this." + name + ", that." + name + ")");
                hashed.add("this." + name);
                shown.add("\"" + name + "=\" + (this." + name + " == null ? \"null\" : this." + name
                        + ".readableBytes() + \" bytes\")");
            } else {
                equalities.add(field.isReference() || field.type() == PrimitiveType.FLOAT64
                        ? "Objects.equals(this." + name + ", that." + name + ")"
                        : "this." + name + " == that." + name);
                hashed.add("this." + name);
                shown.add("\"" + name + "=\" + this." + name);
            }
        }
        code.blank();
        code.line("@Override");
        code.open("public boolean equals(Object other)");
        code.open("if (this == other)");
        code.line("return true;");
        code.close();
        if (equalities.isEmpty()) {
            code.line("return other instanceof %s;", className);
        } else {
            code.open("if (!(other instanceof %s that))", className);
            code.line("return false;");
            code.close();
            code.line("return %s;", String.join("\n" + " ".repeat(16) + "&& ", equalities));
        }
        code.close();
        code.blank();
        code.line("@Override");
        code.open("public int hashCode()");
        code.line("return Objects.hash(%s);", String.join(", ", hashed));
        code.close();
        code.blank();
        code.line("@Override");
        code.open("public String toString()");
        code.line("return \"%s(\"%s + \")\";", className,
                shown.isEmpty() ? "" : "\n" + " ".repeat(16) + "+ " + String.join("\n" + " ".repeat(16) + "+ \", \" + ", shown));
        code.close();
    }
}
