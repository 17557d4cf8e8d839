package dev.gregor.internal.protocol.generator;

import java.util.Comparator;
import java.util.List;

/** Emits the {@code ApiKey} enum: every generated API with its key, versions, header versions and readers. */
final class ApiKeyEmitter {

    /** The API whose responses always use response header version 0, so that any client can parse them. */
    private static final String API_VERSIONS = "ApiVersions";

    private ApiKeyEmitter() {
    }

    /**
     * One API: its request and response schemas.
     *
     * @param name the API's name, e.g. {@code "Fetch"}
     * @param request the request schema
     * @param response the response schema
     */
    record Api(String name, MessageSpec request, MessageSpec response) {

        /**
         * Checks that the two schemas describe one API.
         *
         * @throws SchemaException if their keys or versions disagree
         */
        Api {
            if (request.apiKey() != response.apiKey() || !request.validVersions().equals(response.validVersions())
                    || !request.flexibleVersions().equals(response.flexibleVersions())) {
                throw new SchemaException(name + ": request and response disagree on api key or versions");
            }
        }
    }

    /**
     * Emits the source of the enum.
     *
     * @param packageName the package of the generated enum, the same as the messages'
     * @param apis the generated APIs
     * @return the complete Java source file
     */
    static String emit(String packageName, List<Api> apis) {
        CodeWriter code = new CodeWriter();
        code.line("package %s;", packageName);
        code.blank();
        code.line("import %s.MessageReader;", MessageFileEmitter.RUNTIME_PACKAGE);
        code.line("import %s.ProtocolMessage;", MessageFileEmitter.RUNTIME_PACKAGE);
        code.line("import io.netty.buffer.ByteBuf;");
        code.blank();
        code.line("/**");
        code.line(" * The Kafka APIs Gregor has generated messages for: key, versions, header versions and readers, so the");
        code.line(" * network layer can frame and parse any of them. Generated from Kafka's schemas.");
        code.line(" */");
        code.open("public enum ApiKey");
        List<Api> sorted = apis.stream().sorted(Comparator.comparingInt(api -> api.request().apiKey())).toList();
        for (int i = 0; i < sorted.size(); i++) {
            Api api = sorted.get(i);
            MessageSpec request = api.request();
            Versions flexible = request.flexibleVersions().intersect(request.validVersions());
            code.javadoc(api.name() + ": api key " + request.apiKey() + ", versions " + request.validVersions().lowest()
                    + " to " + request.validVersions().highest() + ".");
            code.line("%s((short) %d, \"%s\", (short) %d, (short) %d, (short) %d, %s, %s::read, %s::read)%s",
                    JavaNames.constantName(api.name()), request.apiKey(), api.name(),
                    request.validVersions().lowest(), request.validVersions().highest(),
                    flexible.isEmpty() ? -1 : flexible.lowest(), api.name().equals(API_VERSIONS),
                    request.name(), api.response().name(), i == sorted.size() - 1 ? ";" : ",");
        }
        code.blank();
        code.line("private final short id;");
        code.line("private final String title;");
        code.line("private final short lowestVersion;");
        code.line("private final short highestVersion;");
        code.line("private final short firstFlexibleVersion;");
        code.line("private final boolean responseHeaderAlwaysV0;");
        code.line("private final MessageReader requestReader;");
        code.line("private final MessageReader responseReader;");
        code.blank();
        code.open("ApiKey(short id, String title, short lowestVersion, short highestVersion, short firstFlexibleVersion,"
                + " boolean responseHeaderAlwaysV0, MessageReader requestReader, MessageReader responseReader)");
        for (String field : List.of("id", "title", "lowestVersion", "highestVersion", "firstFlexibleVersion",
                "responseHeaderAlwaysV0", "requestReader", "responseReader")) {
            code.line("this.%s = %s;", field, field);
        }
        code.close();
        method(code, "The api key sent in request headers.", "short id()", "return id;");
        method(code, "The API's name as Kafka's schemas spell it, e.g. {@code \"ListOffsets\"}.", "String title()",
                "return title;");
        method(code, "The lowest version the generated messages support.", "short lowestVersion()",
                "return lowestVersion;");
        method(code, "The highest version the generated messages support.", "short highestVersion()",
                "return highestVersion;");
        method(code, "The first version with compact encodings and tagged fields, or -1 if none has them.",
                "short firstFlexibleVersion()", "return firstFlexibleVersion;");
        method(code, "Whether the given version of this API uses compact encodings and tagged fields.",
                "boolean isFlexible(short version)", "return firstFlexibleVersion >= 0 && version >= firstFlexibleVersion;");
        method(code, "The RequestHeader version for the given version of this API: 2 when flexible, else 1.",
                "short requestHeaderVersion(short version)", "return (short) (isFlexible(version) ? 2 : 1);");
        method(code, "The ResponseHeader version for the given version of this API: 1 when flexible, else 0; "
                        + "ApiVersions responses always use 0.",
                "short responseHeaderVersion(short version)",
                "return (short) (isFlexible(version) && !responseHeaderAlwaysV0 ? 1 : 0);");
        method(code, "Reads a request of this API; {@code in} stays owned by the caller.",
                "ProtocolMessage readRequest(ByteBuf in, short version)", "return requestReader.read(in, version);");
        method(code, "Reads a response of this API; {@code in} stays owned by the caller.",
                "ProtocolMessage readResponse(ByteBuf in, short version)", "return responseReader.read(in, version);");
        code.blank();
        code.javadoc("The API with the given key; throws IllegalArgumentException for a key Gregor has no messages for.");
        code.open("public static ApiKey forId(short id)");
        code.open("for (ApiKey key : values())");
        code.open("if (key.id == id)");
        code.line("return key;");
        code.close();
        code.close();
        code.line("throw new IllegalArgumentException(\"No generated messages for api key \" + id);");
        code.close();
        code.close();
        return code.toString();
    }

    private static void method(CodeWriter code, String doc, String signature, String body) {
        code.blank();
        code.javadoc(doc);
        code.open("public %s", signature);
        code.line("%s", body);
        code.close();
    }
}
