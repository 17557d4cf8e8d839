package dev.gregor.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gregor.spring.support.CapturedStandardError;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** A real application run: Spring Boot's startup report carries Gregor's analysis of a bad property. */
class GregorStartupReportTests {

    @Test
    void aBadValueInAPropertiesFileStopsStartupWithAReportNamingItsPropertyLineAndFix() {
        SpringApplication application = new SpringApplication(Application.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setAdditionalProfiles("bad-linger");
        try (CapturedStandardError captured = CapturedStandardError.start()) {
            assertThatThrownBy(application::run).hasRootCauseInstanceOf(dev.gregor.InvalidConfigException.class);

            assertThat(captured.text()).contains("APPLICATION FAILED TO START")
                    .contains("Invalid value for gregor.producer.linger: '-1ms' (from class path resource"
                            + " [application-bad-linger.properties] - 3:")
                    .contains("Allowed: 0ms to 1m.")
                    .contains("Change gregor.producer.linger to an allowed value: 0ms to 1m.");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({JacksonAutoConfiguration.class, GregorAutoConfiguration.class})
    static class Application {
    }
}
