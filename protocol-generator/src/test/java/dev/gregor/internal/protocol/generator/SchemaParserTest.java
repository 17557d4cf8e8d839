package dev.gregor.internal.protocol.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SchemaParserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void readsFieldsWithTheirVersionsTagsAndNestedStructs() {
        MessageSpec message = parse("""
                {"apiKey": 99, "type": "request", "name": "DemoRequest", "validVersions": "0-3",
                 "flexibleVersions": "2+", "fields": [
                   {"name": "Id", "type": "int32", "versions": "0+", "default": "-1", "about": "An id."},
                   {"name": "Note", "type": "string", "versions": "2+", "nullableVersions": "2+",
                    "default": "null", "taggedVersions": "2+", "tag": 0},
                   {"name": "Items", "type": "[]Item", "versions": "1+", "fields": [
                     {"name": "Value", "type": "bytes", "versions": "1+"}]}]}""");

        assertThat(message.apiKey()).isEqualTo((short) 99);
        assertThat(message.flexibleVersions()).isEqualTo(Versions.parse("2+"));
        assertThat(message.fields()).extracting(FieldSpec::name).containsExactly("Id", "Note", "Items");
        FieldSpec note = message.fields().get(1);
        assertThat(note.isTagged()).isTrue();
        assertThat(note.tag()).isZero();
        assertThat(note.defaultValue()).isEqualTo("null");
        FieldSpec items = message.fields().get(2);
        assertThat(items.type()).isEqualTo(new FieldType.ArrayType(new FieldType.StructType("Item")));
        assertThat(items.fields()).singleElement().extracting(FieldSpec::type).isEqualTo(PrimitiveType.BYTES);
    }

    @Test
    void rejectsKeysItDoesNotKnow() {
        assertThatThrownBy(() -> parse("""
                {"type": "data", "name": "Demo", "validVersions": "0", "fields": [
                  {"name": "Id", "type": "int32", "versions": "0+", "unsigned": true}]}"""))
                .isInstanceOf(SchemaException.class)
                .hasMessage("Demo: a field: unsupported key 'unsigned'");
    }

    @Test
    void rejectsNullableVersionsOnTypesThatCannotBeNull() {
        assertThatThrownBy(() -> parse("""
                {"type": "data", "name": "Demo", "validVersions": "0", "fields": [
                  {"name": "Id", "type": "int32", "versions": "0+", "nullableVersions": "0+"}]}"""))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("Id: nullableVersions is supported only for");
    }

    @Test
    void rejectsTaggedFieldsOutsideFlexibleVersions() {
        assertThatThrownBy(() -> parse("""
                {"type": "data", "name": "Demo", "validVersions": "0-2", "flexibleVersions": "2+", "fields": [
                  {"name": "Id", "type": "int32", "versions": "1+", "taggedVersions": "1+", "tag": 0}]}"""))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("must equal versions and lie within the flexible versions");
    }

    private static MessageSpec parse(String json) {
        return SchemaParser.parse("Demo", JSON.readTree(json));
    }
}
