package dev.gregor.cli.support;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code --json} output: every command prints one envelope, {@code {"command":"topics","ok":true,"data":...}}
 * or {@code {"command":"topics","ok":false,"error":{"code":"unknown-topic","message":"..."}}}.
 */
public final class Json {

    private static final class Holder {
        static final ObjectMapper MAPPER = JsonMapper.builder().build();
    }

    private Json() {
    }

    /** The shared mapper (made on first use, so commands without JSON never load it). */
    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    /** The envelope of a command that succeeded with {@code data}. */
    public static String success(String command, Object data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("command", command);
        envelope.put("ok", true);
        envelope.put("data", data);
        return mapper().writeValueAsString(envelope);
    }

    /** The envelope of a command that failed. */
    public static String failure(String command, Problem problem) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", problem.code());
        error.put("message", problem.message());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("command", command);
        envelope.put("ok", false);
        envelope.put("error", error);
        return mapper().writeValueAsString(envelope);
    }
}
