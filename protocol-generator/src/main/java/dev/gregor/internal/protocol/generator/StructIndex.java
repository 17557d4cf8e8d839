package dev.gregor.internal.protocol.generator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every struct of one message by name: the message itself, structs defined inline by fields, and common structs. */
final class StructIndex {

    private final MessageSpec message;
    private final Map<String, StructSpec> structs = new LinkedHashMap<>();

    StructIndex(MessageSpec message) {
        this.message = message;
        add(message.asStruct());
        for (StructSpec common : message.commonStructs()) {
            add(common);
        }
        for (StructSpec struct : List.copyOf(structs.values())) {
            checkReferences(struct);
        }
    }

    /**
     * The structs nested in the message's class: all but the message itself, in definition order.
     *
     * @return the nested structs
     */
    List<StructSpec> nestedStructs() {
        return structs.values().stream().filter(struct -> struct != structs.get(message.name())).toList();
    }

    /**
     * Tells whether a struct holds a records buffer, directly or through nested structs.
     *
     * @param struct the struct
     * @return true if releasing the struct must release buffers
     */
    boolean holdsRecords(StructSpec struct) {
        return struct.fields().stream().anyMatch(this::holdsRecords);
    }

    /**
     * Tells whether a field holds a records buffer, directly or through nested structs.
     *
     * @param field the field
     * @return true if releasing the field's value must release buffers
     */
    boolean holdsRecords(FieldSpec field) {
        if (field.type() == PrimitiveType.RECORDS) {
            return true;
        }
        FieldType.StructType struct = field.structType();
        return struct != null && holdsRecords(structs.get(struct.name()));
    }

    private void add(StructSpec struct) {
        if (structs.putIfAbsent(struct.name(), struct) != null) {
            throw new SchemaException(message.name() + ": struct " + struct.name() + " is defined twice");
        }
        for (FieldSpec field : struct.fields()) {
            if (!field.fields().isEmpty()) {
                add(new StructSpec(field.structType().name(), field.versions(), field.fields()));
            }
        }
    }

    private void checkReferences(StructSpec struct) {
        for (FieldSpec field : struct.fields()) {
            FieldType.StructType type = field.structType();
            if (type != null && !structs.containsKey(type.name())) {
                throw new SchemaException(message.name() + ": field " + field.name() + " uses undefined struct "
                        + type.name());
            }
            if (type != null && type.name().equals(message.name())) {
                throw new SchemaException(message.name() + ": field " + field.name() + " nests the message in itself");
            }
        }
    }
}
