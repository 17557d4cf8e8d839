package dev.gregor.internal.protocol.generator;

import java.util.List;

/**
 * One schema file: a request, response, header or data message.
 *
 * @param name the message name, e.g. {@code "FetchRequest"}
 * @param kind the schema's {@code type}: request, response, header or data
 * @param apiKey the api key of requests and responses, -1 for headers and data
 * @param validVersions the versions the schema defines
 * @param flexibleVersions the versions that use compact encodings and tagged fields
 * @param fields the top-level fields, in wire order
 * @param commonStructs structs shared by several fields of the schema
 */
public record MessageSpec(
        String name,
        String kind,
        short apiKey,
        Versions validVersions,
        Versions flexibleVersions,
        List<FieldSpec> fields,
        List<StructSpec> commonStructs) {

    /**
     * The message viewed as its top-level struct.
     *
     * @return a struct named like the message, existing in every valid version
     */
    public StructSpec asStruct() {
        return new StructSpec(name, validVersions, fields);
    }
}
