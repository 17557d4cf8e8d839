package dev.gregor.internal.protocol.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionsTest {

    @Test
    void parsesEveryFormSchemasUse() {
        assertThat(Versions.parse("3+")).isEqualTo(new Versions((short) 3, Short.MAX_VALUE));
        assertThat(Versions.parse("1-5")).isEqualTo(new Versions((short) 1, (short) 5));
        assertThat(Versions.parse("7")).isEqualTo(new Versions((short) 7, (short) 7));
        assertThat(Versions.parse("none").isEmpty()).isTrue();
    }

    @Test
    void rejectsTextThatIsNoRange() {
        assertThatThrownBy(() -> Versions.parse("5-1")).isInstanceOf(SchemaException.class);
        assertThatThrownBy(() -> Versions.parse("latest")).isInstanceOf(SchemaException.class)
                .hasMessage("'latest' is not a version range");
    }

    @Test
    void intersectsAndContains() {
        Versions valid = Versions.parse("4-18");

        assertThat(valid.intersect(Versions.parse("12+"))).isEqualTo(Versions.parse("12-18"));
        assertThat(valid.intersect(Versions.parse("0-3"))).isEqualTo(Versions.NONE);
        assertThat(valid.containsAll(Versions.parse("5-6"))).isTrue();
        assertThat(valid.containsAll(Versions.parse("3+"))).isFalse();
        assertThat(valid.toString()).isEqualTo("4-18");
    }
}
