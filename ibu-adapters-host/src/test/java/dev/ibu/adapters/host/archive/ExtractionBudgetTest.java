package dev.ibu.adapters.host.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The budget charges what is written, whatever an entry declared. */
class ExtractionBudgetTest {

    @Test
    void bytes_written_beyond_what_was_declared_are_refused_when_they_cross_the_limit() {
        ExtractionBudget b = new ExtractionBudget(new ExtractionLimits(1000, 10));
        b.admit("var/liar", 10);
        b.wrote("var/liar", 1000);
        assertThat(b.bytes()).isEqualTo(1000);
        assertThatThrownBy(() -> b.wrote("var/liar", 1)).isInstanceOf(UnsafeArchiveException.class).hasMessage(
            "archive exceeds the size limit of 1000 bytes while writing entry \"var/liar\"; raise the size limit or use a "
                + "smaller seed image");
    }

    @Test
    void a_declared_size_that_cannot_fit_is_refused_before_anything_is_written() {
        ExtractionBudget b = new ExtractionBudget(new ExtractionLimits(1000, 10));
        b.admit("a", 600);
        b.wrote("a", 600);
        assertThatThrownBy(() -> b.admit("b", 401)).hasMessage("archive exceeds the size limit of 1000 bytes at entry "
            + "\"b\", which declares 401 bytes; raise the size limit or use a smaller seed image");
        assertThatThrownBy(() -> new ExtractionBudget(new ExtractionLimits(1000, 10)).admit("n", -1))
            .hasMessageContaining("which declares -1 bytes");
        assertThat(b.entries()).isEqualTo(2);
    }
}
