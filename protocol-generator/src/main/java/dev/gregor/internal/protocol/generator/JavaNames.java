package dev.gregor.internal.protocol.generator;

import java.util.Locale;
import java.util.Set;

/** Java identifiers, literals and Javadoc text derived from schema names and documentation. */
public final class JavaNames {

    // Methods every generated struct has, which a field accessor must not shadow.
    private static final Set<String> RESERVED = Set.of("write", "read", "size", "release", "equals", "hashCode",
            "toString", "getClass", "notify", "notifyAll", "wait", "clone", "finalize");
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "record", "yield");

    private JavaNames() {
    }

    /**
     * The Java field and accessor name of a schema field: {@code "ReplicaId"} becomes {@code "replicaId"}.
     *
     * @param schemaName the schema's field name
     * @return a Java identifier
     * @throws SchemaException if the name would clash with a keyword or a generated method
     */
    public static String fieldName(String schemaName) {
        String name = Character.toLowerCase(schemaName.charAt(0)) + schemaName.substring(1);
        if (KEYWORDS.contains(name) || RESERVED.contains(name)) {
            throw new SchemaException("Field name " + schemaName + " clashes with Java or a generated method");
        }
        return name;
    }

    /**
     * The setter of a schema field: {@code "ReplicaId"} becomes {@code "setReplicaId"}.
     *
     * @param schemaName the schema's field name
     * @return a Java method name
     */
    public static String setterName(String schemaName) {
        return "set" + Character.toUpperCase(schemaName.charAt(0)) + schemaName.substring(1);
    }

    /**
     * An upper-snake-case constant name: {@code "ApiVersions"} becomes {@code "API_VERSIONS"}.
     *
     * @param camelCase a camel-case name
     * @return the constant name
     */
    static String constantName(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /**
     * A Java string literal, quotes included.
     *
     * @param value the string
     * @return the literal
     */
    static String stringLiteral(String value) {
        StringBuilder literal = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                default -> literal.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return literal.append('"').toString();
    }

    /**
     * Schema documentation made safe inside a Javadoc comment.
     *
     * @param about the documentation
     * @return HTML-escaped text that cannot end the comment or start a Javadoc tag
     */
    static String javadoc(String about) {
        String text = about.isBlank() ? "Undocumented in the schema." : about.strip();
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
                .replace("@", "&#64;").replace("\\", "&#92;").replace("\n", " ");
    }
}
