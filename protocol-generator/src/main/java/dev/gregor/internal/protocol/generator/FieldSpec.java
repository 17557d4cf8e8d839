package dev.gregor.internal.protocol.generator;

import java.util.List;

/**
 * One field of a message or struct schema.
 *
 * @param name the schema's field name, e.g. {@code "ReplicaId"}
 * @param type the field's type
 * @param versions the versions that carry the field
 * @param nullableVersions the versions in which the field may be null
 * @param taggedVersions the versions in which the field is a tagged field ({@link Versions#NONE} if never)
 * @param tag the tag number for tagged versions, -1 if the field is never tagged
 * @param ignorable whether a non-default value may be silently dropped in versions without the field
 * @param defaultValue the schema's default as written, or null when the type's natural default applies
 * @param flexibleOverride versions that use compact encoding for this field, overriding the message's, or null
 * @param about the field's documentation
 * @param fields the fields of a struct defined inline by this field; empty otherwise
 */
public record FieldSpec(
        String name,
        FieldType type,
        Versions versions,
        Versions nullableVersions,
        Versions taggedVersions,
        int tag,
        boolean ignorable,
        String defaultValue,
        Versions flexibleOverride,
        String about,
        List<FieldSpec> fields) {

    /**
     * Tells whether the field is ever a tagged field.
     *
     * @return true if it has tagged versions
     */
    public boolean isTagged() {
        return !taggedVersions.isEmpty();
    }

    /**
     * The struct type this field holds directly or as array elements.
     *
     * @return the struct type, or null for primitives and arrays of primitives
     */
    public FieldType.StructType structType() {
        if (type instanceof FieldType.StructType struct) {
            return struct;
        }
        if (type instanceof FieldType.ArrayType array && array.element() instanceof FieldType.StructType struct) {
            return struct;
        }
        return null;
    }

    /**
     * Tells whether Java may hold the value as null: every type except the Java primitives.
     *
     * @return true for strings, bytes, records, UUIDs, arrays and structs
     */
    public boolean isReference() {
        return !(type instanceof PrimitiveType primitive) || primitive.isReference();
    }
}
