package io.sentinelrisk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The terminal summary's numbers are not localised: its lines ({@code Outputs}) read the same
 * whatever the user's locale, with the characters of {@code Locale.ROOT} ('.' before the
 * decimals, ASCII digits).
 */
class SummaryLinesE2ETest {
    @TempDir
    Path dir;

    @Test
    void theSummaryReadsTheSameInEveryLocale() throws Exception {
        Files.writeString(dir.resolve("counts.csv"), StartupTraining.labelledCounts(3_000, 7), StandardCharsets.UTF_8);
        ok(SentinelProcess.run(dir, "train", "-i", "counts.csv", "-m", "counts.srb"));
        String plain = ok(SentinelProcess.run(dir, "score", "-i", "counts.csv", "-m", "counts.srb", "--export-csv", "a.csv"));
        for (String locale : new String[] {"-Duser.language=de -Duser.country=DE", "-Duser.language=ar -Duser.country=EG",
            "-Duser.language=fr -Duser.country=CH"}) {
            String localised = ok(SentinelProcess.run(dir, Map.of("SENTINEL_JAVA_OPTS", locale),
                    "score", "-i", "counts.csv", "-m", "counts.srb", "--export-csv", "b.csv"));
            assertThat(localised).as(locale).isEqualTo(plain);
        }
        assertThat(plain).containsPattern("3000 rows scored by iforest: \\d+ anomalies \\(\\d+\\.\\d\\d%\\)")
                .containsPattern("labels: precision \\d\\.\\d{3}, recall \\d\\.\\d{3}, F1 \\d\\.\\d{3}, ROC AUC \\d\\.\\d{3}")
                .containsPattern("  1\\. row \\d+  risk \\d+\\.\\d  ");
    }

    private static String ok(SentinelProcess.Result r) {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.out();
    }
}
