package dev.ibu.agent;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationConverterTest {
    private final DurationConverter c = new DurationConverter();

    @Test
    void reads_the_short_forms_and_iso_8601() {
        assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(c.convert("PT10M")).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void refuses_anything_else_with_examples() {
        assertThatThrownBy(() -> c.convert("10 minutes")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'10 minutes' is not a duration").hasMessageContaining("30s");
        assertThatThrownBy(() -> c.convert("")).isInstanceOf(CommandLine.TypeConversionException.class);
    }
}
