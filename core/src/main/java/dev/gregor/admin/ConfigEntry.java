package dev.gregor.admin;

import java.util.Optional;

/**
 * One config of a topic or broker.
 *
 * @param name      the config's name ({@code retention.ms})
 * @param value     its value; empty when it has none or is sensitive (a password)
 * @param source    where the value comes from
 * @param readOnly  whether it can only be changed in the broker's properties file
 * @param sensitive whether the brokers hide its value
 */
public record ConfigEntry(String name, Optional<String> value, ConfigSource source, boolean readOnly,
                          boolean sensitive) {

    /** Whether the value is Kafka's default rather than set anywhere. */
    public boolean isDefault() {
        return source == ConfigSource.DEFAULT;
    }
}
