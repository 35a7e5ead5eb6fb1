package io.sentinelrisk.core.io;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sentinelrisk.core.error.InputException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the readers with Jazzer: whatever the bytes, they either read or
 * fail with an {@link InputException} whose message is one line. A normal test run replays the
 * inputs under {@code src/test/resources/io/sentinelrisk/core/io/CsvReaderFuzzTestInputs/}
 * (seeds, and every input that once failed); to fuzz for a minute:
 * {@code JAZZER_FUZZ=1 bin/build -pl core test -Dtest=CsvReaderFuzzTest -Djazzer.hooks=true}
 * (new failing inputs are saved beside the seeds; commit them with the fix).
 */
class CsvReaderFuzzTest {

    private static void oneLine(InputException e) {
        assertThat(e.getMessage()).isNotBlank().doesNotContain("\n", "\r", "\u2028", "\u2029");
        assertThat(e.location()).isNotNull();
    }

    @FuzzTest(maxDuration = "60s")
    void readersThrowNothingButInputException(FuzzedDataProvider data) {
        int choice = data.consumeInt(0, 5);
        Character delimiter = choice < DelimiterSniffer.CANDIDATES.length ? (char) DelimiterSniffer.CANDIDATES[choice] : null;
        byte[] content = data.consumeRemainingAsBytes();
        try {
            CsvTable t = CsvReader.readBytes("fuzz.csv", content, CsvOptions.DEFAULTS.withDelimiter(delimiter));
            assertThat(t.frame().rows()).isPositive();
            LabelReader.fromColumn(t, t.frame().schema().field(0).name());
        } catch (InputException e) {
            oneLine(e);
        }
        try {
            LabelReader.fromBytes("labels.csv", content, 2, "fuzz.csv");
        } catch (InputException e) {
            oneLine(e);
        }
    }
}
