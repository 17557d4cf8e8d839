package dev.gregor.internal.protocol.generator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;

/** Loads Kafka's message schemas ({@code common/message/<Name>.json}) from a class path. */
public final class SchemaLoader {

    private static final String SCHEMA_FOLDER = "common/message/";

    private final ClassLoader classLoader;
    // Kafka's schema files start with a licence in // comments.
    private final JsonMapper mapper = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

    /**
     * Creates a loader reading from a class path.
     *
     * @param classLoader the class loader whose class path holds the schemas (the kafka-clients jar)
     */
    public SchemaLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /**
     * Loads and parses one schema.
     *
     * @param schemaName the schema's name, e.g. {@code "FetchRequest"}
     * @return the parsed message
     * @throws SchemaException if the schema is missing or not supported
     */
    public MessageSpec load(String schemaName) {
        String resource = SCHEMA_FOLDER + schemaName + ".json";
        try (InputStream json = classLoader.getResourceAsStream(resource)) {
            if (json == null) {
                throw new SchemaException("No schema " + resource + " on the class path");
            }
            MessageSpec message = SchemaParser.parse(schemaName, mapper.readTree(json));
            if (!message.name().equals(schemaName)) {
                throw new SchemaException(resource + " names its message " + message.name());
            }
            return message;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
