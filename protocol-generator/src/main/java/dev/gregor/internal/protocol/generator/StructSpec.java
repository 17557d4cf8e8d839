package dev.gregor.internal.protocol.generator;

import java.util.List;

/**
 * A struct of a schema: the message itself, a struct defined inline by a field, or a common struct.
 *
 * @param name the struct's name, used as its Java class name
 * @param versions the versions in which the struct exists
 * @param fields the struct's fields, in wire order
 */
public record StructSpec(String name, Versions versions, List<FieldSpec> fields) {
}
