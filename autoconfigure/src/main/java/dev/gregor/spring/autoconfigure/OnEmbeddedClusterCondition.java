package dev.gregor.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code gregor.embedded.enabled} is true, or unset while {@code gregor.bootstrap-servers} is unset too. */
final class OnEmbeddedClusterCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        String enabled = environment.getProperty("gregor.embedded.enabled");
        if (enabled != null) {
            return Boolean.parseBoolean(enabled)
                    ? ConditionOutcome.match("gregor.embedded.enabled is true")
                    : ConditionOutcome.noMatch("gregor.embedded.enabled is false");
        }
        return environment.containsProperty("gregor.bootstrap-servers")
                ? ConditionOutcome.noMatch("gregor.bootstrap-servers is set")
                : ConditionOutcome.match("neither gregor.bootstrap-servers nor gregor.embedded.enabled is set");
    }
}
