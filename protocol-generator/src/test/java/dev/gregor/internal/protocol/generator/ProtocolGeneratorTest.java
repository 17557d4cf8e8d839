package dev.gregor.internal.protocol.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ProtocolGeneratorTest {

    private final ProtocolGenerator generator =
            new ProtocolGenerator(new SchemaLoader(ProtocolGeneratorTest.class.getClassLoader()));

    @Test
    void generatesRequestResponseAndApiKeyForEachApi() {
        Map<String, String> sources = generator.generate("demo.messages", List.of("Heartbeat"),
                List.of("ResponseHeader"));

        assertThat(sources).containsOnlyKeys("HeartbeatRequest", "HeartbeatResponse", "ResponseHeader", "ApiKey",
                "package-info");
        assertThat(sources.get("HeartbeatRequest"))
                .startsWith("package demo.messages;")
                .contains("public final class HeartbeatRequest implements ProtocolMessage")
                .contains("public static final short HIGHEST_VERSION = 4;")
                .contains("public static HeartbeatRequest read(ByteBuf in, short version)");
        assertThat(sources.get("ApiKey"))
                .contains("HEARTBEAT((short) 12, \"Heartbeat\", (short) 0, (short) 4, (short) 4, false,");
    }

    @Test
    void importsOnlyWhatTheClassUses() {
        String header = generator.generate("demo", List.of(), List.of("ResponseHeader")).get("ResponseHeader");

        assertThat(header).doesNotContain("import java.util.List;").doesNotContain("import java.util.UUID;")
                .contains("import io.netty.buffer.ByteBuf;");
    }

    @Test
    void nestsCommonStructsThatFieldsReferToByName() {
        MessageSpec message = SchemaParser.parse("Demo", JsonMapper.builder().build().readTree("""
                {"type": "data", "name": "Demo", "validVersions": "0", "fields": [
                  {"name": "Owner", "type": "Endpoint", "versions": "0+"},
                  {"name": "Replicas", "type": "[]Endpoint", "versions": "0+"}],
                 "commonStructs": [{"name": "Endpoint", "versions": "0+", "fields": [
                  {"name": "Port", "type": "int32", "versions": "0+"}]}]}"""));

        String source = MessageFileEmitter.emit("demo", message);

        assertThat(source).contains("public static final class Endpoint")
                .contains("private Endpoint owner = new Endpoint();")
                .contains("private List<Endpoint> replicas = new ArrayList<>(0);");
    }

    @Test
    void namesTheMissingSchema() {
        assertThatThrownBy(() -> generator.generate("demo", List.of("NoSuchApi"), List.of()))
                .isInstanceOf(SchemaException.class)
                .hasMessage("No schema common/message/NoSuchApiRequest.json on the class path");
    }
}
