package dev.gregor.admin;

import java.util.Objects;

/**
 * One change to a config: set it, delete it (back to the default), or append to / subtract from a list value.
 *
 * @param name      the config's name
 * @param operation what to do
 * @param value     the value to set, append or subtract; null for {@link Operation#DELETE}
 */
public record ConfigChange(String name, Operation operation, String value) {

    /** What a change does. */
    public enum Operation { SET, DELETE, APPEND, SUBTRACT }

    /** Checks that a value comes with every operation but {@code DELETE}. */
    public ConfigChange {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operation, "operation");
        if (operation != Operation.DELETE) {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Sets {@code name} to {@code value}. */
    public static ConfigChange set(String name, String value) {
        return new ConfigChange(name, Operation.SET, value);
    }

    /** Removes the value set for {@code name}, so the default applies again. */
    public static ConfigChange delete(String name) {
        return new ConfigChange(name, Operation.DELETE, null);
    }

    /** Adds {@code value} to the list {@code name} holds. */
    public static ConfigChange append(String name, String value) {
        return new ConfigChange(name, Operation.APPEND, value);
    }

    /** Removes {@code value} from the list {@code name} holds. */
    public static ConfigChange subtract(String name, String value) {
        return new ConfigChange(name, Operation.SUBTRACT, value);
    }
}
