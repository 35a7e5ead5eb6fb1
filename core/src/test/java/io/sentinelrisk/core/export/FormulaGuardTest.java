package io.sentinelrisk.core.export;

import io.sentinelrisk.core.error.DisplayText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class FormulaGuardTest {
    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"})
    void formulaStartsAreNeutralised(String cell) {
        assertThat(FormulaGuard.neutralise(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "web", "a=b", "1-2", " =x", "'=x"})
    void otherTextIsKept(String cell) {
        assertThat(FormulaGuard.neutralise(cell)).isEqualTo(cell);
    }

    @Test
    void displayTextCutsLongValuesAndSaysHowLong() {
        assertThat(DisplayText.truncate("short")).isEqualTo("short");
        String cut = DisplayText.truncate("y".repeat(10_000));
        assertThat(cut).startsWith("y".repeat(DisplayText.MAX_SHOWN) + "…").endsWith("(10000 chars)");
        // never splits a character outside the BMP in two
        String emoji = "a".repeat(DisplayText.MAX_SHOWN - 1) + "\uD83D\uDE00" + "b".repeat(100);
        assertThat(DisplayText.truncate(emoji)).startsWith("a".repeat(DisplayText.MAX_SHOWN - 1) + "…");
    }
}
