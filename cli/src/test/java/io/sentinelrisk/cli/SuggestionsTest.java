package io.sentinelrisk.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {
    private static final List<String> COMMANDS = List.of("train", "score", "predict", "evaluate", "drift", "demo", "config",
            "generate", "inject", "features", "ingest");

    @Test
    void aTranspositionIsOneEditAndWinsOverSharedLetters() {
        assertThat(Suggestions.distance("trian", "train")).isEqualTo(1);
        assertThat(Suggestions.closest("trian", COMMANDS, 3)).startsWith("train").doesNotContain("drift");
        assertThat(Suggestions.closest("drfit", COMMANDS, 3)).containsExactly("drift");
    }

    @Test
    void optionsAreComparedWithoutTheirDashesAndValues() {
        assertThat(Suggestions.closest("--inptu=x.csv", List.of("--input", "--labels", "--delimiter"), 3)).containsExactly("--input");
    }

    @Test
    void nothingCloseMeansNoSuggestion() {
        assertThat(Suggestions.closest("xyzzy", COMMANDS, 3)).isEmpty();
    }
}
