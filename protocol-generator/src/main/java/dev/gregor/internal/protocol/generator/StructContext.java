package dev.gregor.internal.protocol.generator;

import java.util.Comparator;
import java.util.List;

/**
 * What the emitters of one generated class share: the message, the struct being emitted, the code being written,
 * and how the struct's version-dependent choices read as Java conditions.
 */
final class StructContext {

    /** The local variable that holds whether the version being coded is flexible. */
    static final String FLEXIBLE = "flexible";

    private final MessageSpec message;
    private final StructSpec struct;
    private final StructIndex index;
    private final CodeWriter code;
    private final Versions range;
    private final VersionConditions conditions;
    private final VersionConditions taggedConditions;

    StructContext(MessageSpec message, StructSpec struct, StructIndex index, CodeWriter code) {
        this.message = message;
        this.struct = struct;
        this.index = index;
        this.code = code;
        // Inside a nested struct only the versions in which the struct exists matter.
        this.range = struct.versions().intersect(message.validVersions());
        this.conditions = new VersionConditions(range);
        this.taggedConditions = new VersionConditions(range.intersect(message.flexibleVersions()));
    }

    MessageSpec message() {
        return message;
    }

    StructSpec struct() {
        return struct;
    }

    StructIndex index() {
        return index;
    }

    CodeWriter code() {
        return code;
    }

    /**
     * Opens a codec method and declares the {@link #FLEXIBLE} local if the body needs it. In the message's own class
     * the method is public, documented and checks the version; in nested structs it is private, as only the
     * enclosing message calls it.
     *
     * @param javadoc the Javadoc of the public method
     * @param overrides whether the public method implements {@code ProtocolMessage}
     * @param signature the signature without modifiers, e.g. {@code "int size(short version)"}
     */
    void openCodecMethod(String javadoc, boolean overrides, String signature) {
        if (topLevel()) {
            code.javadoc(javadoc);
            if (overrides) {
                code.line("@Override");
            }
            code.open("public %s", signature);
            code.line("UnsupportedVersionException.check(%s, version, LOWEST_VERSION, HIGHEST_VERSION);",
                    JavaNames.stringLiteral(message.name()));
        } else {
            code.open("private %s", signature);
        }
        if (needsFlexibleLocal()) {
            code.line("boolean %s = %s;", FLEXIBLE, flexibleVersions());
        }
    }

    /** Whether this is the message's own class rather than a nested struct. */
    boolean topLevel() {
        return struct.name().equals(message.name());
    }

    /** The fields outside the tagged-field section in some version, in wire order. */
    List<FieldSpec> untaggedFields() {
        return struct.fields().stream().filter(field -> !field.isTagged()).toList();
    }

    /** The tagged fields, in tag order as the wire wants them. */
    List<FieldSpec> taggedFields() {
        return struct.fields().stream().filter(FieldSpec::isTagged)
                .sorted(Comparator.comparingInt(FieldSpec::tag)).toList();
    }

    /** The struct's name for error messages, e.g. {@code "FetchRequest.FetchTopic"}. */
    String owner() {
        return topLevel() ? message.name() : message.name() + "." + struct.name();
    }

    /** A string literal naming a field for error messages, e.g. {@code "FetchRequest.FetchTopic.Topic"}. */
    String path(FieldSpec field) {
        return JavaNames.stringLiteral(owner() + "." + field.name());
    }

    /** The expression reading a field of this object, e.g. {@code this.replicaId}. */
    String self(FieldSpec field) {
        return "this." + JavaNames.fieldName(field.name());
    }

    /** A condition over {@code version} that holds when the field is on the wire. */
    String present(FieldSpec field) {
        return conditions.in(field.versions());
    }

    /** A condition over {@code version} that holds when the field is not on the wire. */
    String absent(FieldSpec field) {
        return conditions.notIn(field.versions());
    }

    /** For code run only while the field is present: a condition over {@code version} that it may be null. */
    String nullable(FieldSpec field) {
        return whilePresent(field).in(field.nullableVersions());
    }

    /** For code run only while the field is present: a condition over {@code version} that it must not be null. */
    String notNullable(FieldSpec field) {
        return whilePresent(field).notIn(field.nullableVersions());
    }

    /** For code in the tagged-field section: a condition over {@code version} that a tagged field is present. */
    String presentTagged(FieldSpec field) {
        return taggedConditions.in(field.versions());
    }

    private VersionConditions whilePresent(FieldSpec field) {
        return new VersionConditions(range.intersect(field.versions()));
    }

    /** A condition over {@code version} that holds when the struct is encoded in its flexible form. */
    String flexibleVersions() {
        return conditions.in(message.flexibleVersions());
    }

    /**
     * The expression telling whether a field's lengths are compact: the {@link #FLEXIBLE} local, or the field's own
     * override.
     */
    String compact(FieldSpec field) {
        return field.flexibleOverride() == null ? FLEXIBLE : conditions.in(field.flexibleOverride());
    }

    /** Whether the generated codec methods need the {@link #FLEXIBLE} local. */
    boolean needsFlexibleLocal() {
        return taggedSection().equals(FLEXIBLE) || untaggedFields().stream()
                .anyMatch(field -> usesLengths(field.type()) && field.flexibleOverride() == null);
    }

    /** The condition guarding the tagged-field section, written with the {@link #FLEXIBLE} local. */
    String taggedSection() {
        String flexible = flexibleVersions();
        return flexible.equals(VersionConditions.ALWAYS) || flexible.equals(VersionConditions.NEVER)
                ? flexible : FLEXIBLE;
    }

    /** The name of the private method computing a tagged field's value size. */
    static String sizeMethod(FieldSpec field) {
        return "sizeOf" + field.name();
    }

    /** The condition under which a tagged field is written: present and different from its default. */
    String writesTagged(FieldSpec field) {
        String differs = JavaTypes.differsFromDefault(struct.name(), field, self(field));
        String present = presentTagged(field);
        return present.equals(VersionConditions.ALWAYS) ? differs : present + " && (" + differs + ")";
    }

    private static boolean usesLengths(FieldType type) {
        return type instanceof FieldType.ArrayType || type == PrimitiveType.STRING || type == PrimitiveType.BYTES
                || type == PrimitiveType.RECORDS;
    }
}
