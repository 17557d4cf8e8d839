package dev.gregor.internal.protocol.generator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionConditionsTest {

    private final VersionConditions conditions = new VersionConditions(Versions.parse("4-18"));

    @Test
    void simplifiesAgainstTheValidVersions() {
        assertThat(conditions.in(Versions.parse("0+"))).isEqualTo(VersionConditions.ALWAYS);
        assertThat(conditions.in(Versions.parse("0-3"))).isEqualTo(VersionConditions.NEVER);
        assertThat(conditions.in(Versions.parse("12+"))).isEqualTo("version >= 12");
        assertThat(conditions.in(Versions.parse("0-12"))).isEqualTo("version <= 12");
        assertThat(conditions.in(Versions.parse("7-12"))).isEqualTo("version >= 7 && version <= 12");
        assertThat(conditions.in(Versions.parse("9"))).isEqualTo("version == 9");
    }

    @Test
    void negatesRanges() {
        assertThat(conditions.notIn(Versions.parse("12+"))).isEqualTo("version < 12");
        assertThat(conditions.notIn(Versions.parse("0-12"))).isEqualTo("version > 12");
        assertThat(conditions.notIn(Versions.parse("7-12"))).isEqualTo("version < 7 || version > 12");
        assertThat(conditions.notIn(Versions.NONE)).isEqualTo(VersionConditions.ALWAYS);
    }
}
