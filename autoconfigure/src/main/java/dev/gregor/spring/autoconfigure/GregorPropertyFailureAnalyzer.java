package dev.gregor.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Reports an {@link InvalidGregorPropertyException} at startup in the application's own terms: the property, its
 * value as written and where (file and line, or environment variable), what is allowed, and the fix; instead of a
 * builder's field name and ISO-8601 durations at the bottom of a bean creation trace.
 */
class GregorPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidGregorPropertyException> {

    private final Environment environment;

    GregorPropertyFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidGregorPropertyException cause) {
        return new FailureAnalysis(describe(cause) + "\nAllowed: " + cause.allowed() + ".", cause.action(), cause);
    }

    private String describe(InvalidGregorPropertyException cause) {
        ConfigurationProperty written = written(cause.property());
        if (written == null) {
            return cause.value() == null ? cause.property() + " is not set."
                    : "Invalid value for " + cause.property() + ": '" + cause.value() + "' (not set as a property: the"
                    + " default, or from a GregorConnectionDetails bean).";
        }
        return "Invalid value for " + cause.property() + ": '" + written.getValue() + "'"
                + (written.getOrigin() == null ? "" : " (from " + written.getOrigin() + ")") + ".";
    }

    private @Nullable ConfigurationProperty written(String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
