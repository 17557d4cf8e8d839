package dev.gregor.internal.protocol.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generator's entry point. Reads Kafka's schemas from the class path and writes one Java source per message,
 * plus the {@code ApiKey} enum, into an output directory.
 *
 * <p>Arguments, each {@code --name=value}: {@code --output} the source root to write into, {@code --package} the
 * package of the generated classes, {@code --apis} a comma-separated list of API names (each generates
 * {@code <Name>Request} and {@code <Name>Response}), and {@code --schemas} further schemas to generate alone, such as
 * headers. Lists may span lines.
 */
public final class ProtocolGenerator {

    private final SchemaLoader loader;

    /**
     * Creates a generator reading schemas through a loader.
     *
     * @param loader where the schemas come from
     */
    public ProtocolGenerator(SchemaLoader loader) {
        this.loader = loader;
    }

    /**
     * Runs the generator.
     *
     * @param args the arguments described on the class
     * @throws IOException if a source file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = parseOptions(args);
        Path packageDirectory = Path.of(required(options, "output"))
                .resolve(required(options, "package").replace('.', '/'));
        Map<String, String> sources = new ProtocolGenerator(new SchemaLoader(ProtocolGenerator.class.getClassLoader()))
                .generate(required(options, "package"), list(options.get("apis")), list(options.get("schemas")));
        Files.createDirectories(packageDirectory);
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Files.writeString(packageDirectory.resolve(source.getKey() + ".java"), source.getValue(),
                    StandardCharsets.UTF_8);
        }
    }

    /**
     * Generates the sources for some APIs and schemas.
     *
     * @param packageName the package of the generated classes
     * @param apiNames API names such as {@code "Fetch"}; each yields a request and a response class
     * @param schemaNames further schemas to generate, such as {@code "RequestHeader"}
     * @return Java source text by class name, including {@code ApiKey} and {@code package-info}
     */
    public Map<String, String> generate(String packageName, List<String> apiNames, List<String> schemaNames) {
        Map<String, String> sources = new LinkedHashMap<>();
        List<ApiKeyEmitter.Api> apis = new ArrayList<>();
        for (String apiName : apiNames) {
            MessageSpec request = loader.load(apiName + "Request");
            MessageSpec response = loader.load(apiName + "Response");
            apis.add(new ApiKeyEmitter.Api(apiName, request, response));
            sources.put(request.name(), MessageFileEmitter.emit(packageName, request));
            sources.put(response.name(), MessageFileEmitter.emit(packageName, response));
        }
        for (String schemaName : schemaNames) {
            sources.put(schemaName, MessageFileEmitter.emit(packageName, loader.load(schemaName)));
        }
        sources.put("ApiKey", ApiKeyEmitter.emit(packageName, apis));
        sources.put("package-info", "/** Kafka protocol messages and codecs, generated from Kafka's JSON schemas. */\n"
                + "package " + packageName + ";\n");
        return sources;
    }

    private static Map<String, String> parseOptions(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("Expected --name=value but got '" + arg + "'");
            }
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing --" + name + "=...");
        }
        return value.strip();
    }

    private static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }
}
