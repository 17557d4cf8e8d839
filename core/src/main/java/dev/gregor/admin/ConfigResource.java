package dev.gregor.admin;

import java.util.Objects;

/**
 * What a config belongs to: a topic, one broker, or every broker.
 *
 * @param type what kind of thing it is
 * @param name the topic's name, the broker's id, or empty for every broker's default
 */
public record ConfigResource(Type type, String name) {

    /** The kinds of things that have configs. */
    public enum Type { TOPIC, BROKER }

    /** Checks the parts. */
    public ConfigResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    /** The configs of topic {@code name}. */
    public static ConfigResource topic(String name) {
        return new ConfigResource(Type.TOPIC, name);
    }

    /** The configs of broker {@code id}. */
    public static ConfigResource broker(int id) {
        return new ConfigResource(Type.BROKER, Integer.toString(id));
    }

    /** The dynamic defaults every broker shares (changes apply to all brokers). */
    public static ConfigResource brokerDefaults() {
        return new ConfigResource(Type.BROKER, "");
    }

    @Override
    public String toString() {
        return type == Type.TOPIC ? "topic '" + name + "'" : name.isEmpty() ? "every broker" : "broker " + name;
    }
}
