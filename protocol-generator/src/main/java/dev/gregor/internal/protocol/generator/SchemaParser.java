package dev.gregor.internal.protocol.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Turns the JSON tree of one Kafka message schema into a {@link MessageSpec}, rejecting anything it does not know. */
final class SchemaParser {

    private static final Set<String> MESSAGE_KEYS = Set.of("apiKey", "type", "name", "validVersions",
            "flexibleVersions", "fields", "commonStructs", "listeners", "latestVersionUnstable", "deprecatedVersions");
    private static final Set<String> FIELD_KEYS = Set.of("name", "type", "versions", "nullableVersions",
            "taggedVersions", "tag", "ignorable", "default", "flexibleVersions", "about", "fields", "mapKey",
            "entityType", "zeroCopy");
    private static final Set<String> STRUCT_KEYS = Set.of("name", "versions", "fields");
    private static final Set<String> KINDS = Set.of("request", "response", "header", "data");

    private final String schemaName;

    private SchemaParser(String schemaName) {
        this.schemaName = schemaName;
    }

    /**
     * Parses one schema.
     *
     * @param schemaName the schema's name, for error messages
     * @param root the parsed JSON document
     * @return the message
     * @throws SchemaException if the schema uses something the generator does not support
     */
    static MessageSpec parse(String schemaName, JsonNode root) {
        return new SchemaParser(schemaName).message(root);
    }

    private MessageSpec message(JsonNode node) {
        requireKnownKeys(node, MESSAGE_KEYS, "the message");
        String kind = text(node, "type", "the message");
        if (!KINDS.contains(kind)) {
            throw fail("the message", "type '" + kind + "' is not one of " + KINDS);
        }
        boolean api = kind.equals("request") || kind.equals("response");
        if (api != node.has("apiKey")) {
            throw fail("the message", api ? "requests and responses need an apiKey" : "only APIs have an apiKey");
        }
        Versions valid = Versions.parse(text(node, "validVersions", "the message"));
        Versions flexible = node.has("flexibleVersions")
                ? Versions.parse(text(node, "flexibleVersions", "the message")) : Versions.NONE;
        List<StructSpec> common = new ArrayList<>();
        for (JsonNode struct : array(node, "commonStructs")) {
            requireKnownKeys(struct, STRUCT_KEYS, "a common struct");
            String name = text(struct, "name", "a common struct");
            common.add(new StructSpec(name, Versions.parse(text(struct, "versions", name)), fields(struct, flexible)));
        }
        return new MessageSpec(text(node, "name", "the message"), kind,
                api ? (short) node.get("apiKey").intValue() : -1, valid, flexible, fields(node, flexible), common);
    }

    private List<FieldSpec> fields(JsonNode owner, Versions flexible) {
        List<FieldSpec> fields = new ArrayList<>();
        for (JsonNode field : array(owner, "fields")) {
            fields.add(field(field, flexible));
        }
        return List.copyOf(fields);
    }

    private FieldSpec field(JsonNode node, Versions flexible) {
        requireKnownKeys(node, FIELD_KEYS, "a field");
        String name = text(node, "name", "a field");
        FieldType type = FieldType.parse(text(node, "type", name));
        Versions versions = Versions.parse(text(node, "versions", name));
        Versions nullable = optionalVersions(node, "nullableVersions", name);
        Versions tagged = optionalVersions(node, "taggedVersions", name);
        int tag = node.has("tag") ? node.get("tag").intValue() : -1;
        checkTagging(name, versions, tagged, tag, flexible);
        FieldSpec field = new FieldSpec(name, type, versions, nullable, tagged, tag,
                node.has("ignorable") && node.get("ignorable").booleanValue(),
                node.has("default") ? node.get("default").asString() : null,
                node.has("flexibleVersions") ? optionalVersions(node, "flexibleVersions", name) : null,
                node.has("about") ? node.get("about").asString() : "",
                fields(node, flexible));
        checkShape(field);
        return field;
    }

    private void checkTagging(String name, Versions versions, Versions tagged, int tag, Versions flexible) {
        if (tagged.isEmpty() != (tag < 0)) {
            throw fail(name, "taggedVersions and tag must be given together");
        }
        if (!tagged.isEmpty() && (!tagged.equals(versions) || !flexible.containsAll(tagged))) {
            throw fail(name, "taggedVersions must equal versions and lie within the flexible versions");
        }
    }

    private void checkShape(FieldSpec field) {
        boolean definesStruct = !field.fields().isEmpty();
        if (definesStruct && field.structType() == null) {
            throw fail(field.name(), "only struct and struct-array fields may define fields");
        }
        boolean nullableType = field.type() instanceof FieldType.ArrayType || field.type() == PrimitiveType.STRING
                || field.type() == PrimitiveType.BYTES || field.type() == PrimitiveType.RECORDS;
        if (!field.nullableVersions().isEmpty() && !nullableType) {
            throw fail(field.name(), "nullableVersions is supported only for strings, bytes, records and arrays");
        }
        if (field.flexibleOverride() != null
                && field.type() != PrimitiveType.STRING && field.type() != PrimitiveType.BYTES) {
            throw fail(field.name(), "a field-level flexibleVersions is supported only for strings and bytes");
        }
    }

    private Versions optionalVersions(JsonNode node, String key, String owner) {
        return node.has(key) ? Versions.parse(text(node, key, owner)) : Versions.NONE;
    }

    private Iterable<JsonNode> array(JsonNode node, String key) {
        JsonNode value = node.path(key);
        if (value.isMissingNode()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw fail(key, "must be an array");
        }
        return value;
    }

    private String text(JsonNode node, String key, String owner) {
        JsonNode value = node.get(key);
        if (value == null || !value.isString()) {
            throw fail(owner, "'" + key + "' must be a string");
        }
        return value.asString();
    }

    private void requireKnownKeys(JsonNode node, Set<String> known, String owner) {
        if (!node.isObject()) {
            throw fail(owner, "must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!known.contains(entry.getKey())) {
                throw fail(owner, "unsupported key '" + entry.getKey() + "'");
            }
        }
    }

    private SchemaException fail(String owner, String problem) {
        return new SchemaException(schemaName + ": " + owner + ": " + problem);
    }
}
