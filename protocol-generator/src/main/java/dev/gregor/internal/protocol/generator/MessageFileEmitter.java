package dev.gregor.internal.protocol.generator;

import java.util.List;
import java.util.regex.Pattern;

/** Emits the Java source file of one message: its class with every struct nested inside, and the imports it uses. */
final class MessageFileEmitter {

    /** The hand-written runtime package the generated code calls into. */
    static final String RUNTIME_PACKAGE = "dev.gregor.internal.protocol";

    private static final List<String> IMPORTS = List.of(
            RUNTIME_PACKAGE + ".MessageEncodingException",
            RUNTIME_PACKAGE + ".ProtocolDefaults",
            RUNTIME_PACKAGE + ".ProtocolMessage",
            RUNTIME_PACKAGE + ".UnsupportedVersionException",
            RUNTIME_PACKAGE + ".WireReader",
            RUNTIME_PACKAGE + ".WireSize",
            RUNTIME_PACKAGE + ".WireWriter",
            "io.netty.buffer.ByteBuf",
            "java.util.ArrayList",
            "java.util.Arrays",
            "java.util.List",
            "java.util.Objects",
            "java.util.UUID");

    private MessageFileEmitter() {
    }

    /**
     * Emits the source of a message's class.
     *
     * @param packageName the package of the generated class
     * @param message the message
     * @return the complete Java source file
     */
    static String emit(String packageName, MessageSpec message) {
        StructIndex index = new StructIndex(message);
        CodeWriter body = new CodeWriter();
        new StructClassEmitter(new StructContext(message, message.asStruct(), index, body)).emitOpening();
        for (StructSpec struct : index.nestedStructs()) {
            body.blank();
            new StructClassEmitter(new StructContext(message, struct, index, body)).emitOpening();
            body.close();
        }
        body.close();
        String classText = body.toString();
        StringBuilder file = new StringBuilder();
        file.append("package ").append(packageName).append(";\n\n");
        for (String candidate : IMPORTS) {
            String simpleName = candidate.substring(candidate.lastIndexOf('.') + 1);
            if (Pattern.compile("\\b" + simpleName + "\\b").matcher(classText).find()) {
                file.append("import ").append(candidate).append(";\n");
            }
        }
        return file.append('\n').append(classText).toString();
    }
}
