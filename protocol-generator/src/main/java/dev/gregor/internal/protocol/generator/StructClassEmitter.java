package dev.gregor.internal.protocol.generator;

/** Emits the Java class of one struct: the message's top-level class, or a static class nested in it. */
final class StructClassEmitter {

    private final StructContext context;
    private final CodeWriter code;

    StructClassEmitter(StructContext context) {
        this.context = context;
        this.code = context.code();
    }

    /**
     * Emits the class up to, but excluding, its closing brace, so the caller can nest structs inside it.
     */
    void emitOpening() {
        MessageSpec message = context.message();
        String name = context.struct().name();
        if (context.topLevel()) {
            code.line("/**");
            code.line(" * %s %s, generated from Kafka's schema {@code %s.json}: a mutable object, not thread-safe.",
                    name, versionText(message.validVersions()), name);
            if (context.index().holdsRecords(context.struct())) {
                code.line(" * It owns the records buffers it holds; call {@link #release()} once when done with it.");
            }
            code.line(" */");
            code.open("public final class %s implements ProtocolMessage", name);
            code.javadoc("The lowest version this class reads and writes.");
            code.line("public static final short LOWEST_VERSION = %d;", message.validVersions().lowest());
            code.blank();
            code.javadoc("The highest version this class reads and writes.");
            code.line("public static final short HIGHEST_VERSION = %d;", message.validVersions().highest());
            code.blank();
        } else {
            code.javadoc("The " + name + " struct of " + message.name() + ", " + versionText(context.struct().versions())
                    + ".");
            code.open("public static final class %s", name);
        }
        new AccessorEmitter(context).emitFields();
        new AccessorEmitter(context).emitAccessors();
        code.blank();
        new WriteEmitter(context).emit();
        code.blank();
        new ReadEmitter(context).emit();
        code.blank();
        new SizeEmitter(context).emit();
        new ReleaseEmitter(context).emit();
        new ObjectMethodsEmitter(context).emit();
    }

    private static String versionText(Versions versions) {
        return versions.highest() == Short.MAX_VALUE ? "from version " + versions.lowest()
                : "versions " + versions.lowest() + " to " + versions.highest();
    }
}
