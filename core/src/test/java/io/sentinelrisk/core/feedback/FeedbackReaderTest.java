package io.sentinelrisk.core.feedback;

import io.sentinelrisk.core.error.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedbackReaderTest {
    private static final String OK = "{\"alert_id\": \"a1\", \"verdict\": \"true_positive\", \"analyst\": \"kim\", \"time\": \"2024-02-01T09:00:00Z\"}";

    @TempDir
    Path dir;

    private static List<FeedbackEntry> read(String text) {
        return FeedbackReader.read(new StringReader(text), "fb.jsonl");
    }

    @Test
    void readsVerdictsSkippingBlankLines() {
        List<FeedbackEntry> e = read(OK + "\n\n  \r\n{\"event_key\": {\"user\": \"u1\", \"event_id\": 7}, \"verdict\": \"benign\", "
                + "\"analyst\": \"lee\", \"note\": \"pen test\", \"time\": \"2024-02-01T10:00:00+01:00\"}\r\n");
        assertThat(e).hasSize(2);
        assertThat(e.get(0).alertId()).isEqualTo("a1");
        assertThat(e.get(0).note()).isEmpty();
        assertThat(e.get(1).line()).isEqualTo(4);
        assertThat(e.get(1).eventKey()).isEqualTo("event_id=7&user=u1");   // canonical: names sorted
        assertThat(e.get(1).verdict()).isEqualTo(Verdict.BENIGN);
        assertThat(e.get(1).time()).isEqualTo(Instant.parse("2024-02-01T09:00:00Z"));
        assertThat(e.get(1).alertIdFor("m")).isEqualTo(
                io.sentinelrisk.core.export.AlertIds.of("m", "any", 0, java.util.Map.of("user", "u1", "event_id", 7)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1, 2]|fb.jsonl:2:1: expected a JSON object",
        "{\"alert_id\": \"a\", \"verdict\": \"true_positive\", \"analyst\": \"k\", \"time\": \"2024-02-01T09:00:00Z\", \"score\": 1}|fb.jsonl:2:95: unknown field 'score'; the fields are alert_id, event_key, verdict, analyst, note, time",
        "{\"alert_id\": \"a\", \"verdict\": \"maybe\", \"analyst\": \"k\", \"time\": \"2024-02-01T09:00:00Z\"}|fb.jsonl:2:30: verdict must be one of true_positive, false_positive, benign, unknown, found 'maybe'",
        "{\"alert_id\": \"a\", \"verdict\": \"benign\", \"analyst\": \"k\"}|fb.jsonl:2: missing 'time'",
        "{\"alert_id\": \"a\", \"verdict\": \"benign\", \"analyst\": \"k\", \"time\": \"yesterday\"}|fb.jsonl:2:64: time must be ISO-8601 with a zone",
        "{\"alert_id\": \"a\", \"verdict\": \"benign\", \"analyst\": \"k\", \"time\": \"2024-02-01T09:00:00\"}|fb.jsonl:2:64: time must be ISO-8601 with a zone",
        "{\"verdict\": \"benign\", \"analyst\": \"k\", \"time\": \"2024-02-01T09:00:00Z\"}|fb.jsonl:2: missing 'alert_id' (or 'event_key')",
        "{\"alert_id\": \"a\", \"event_key\": 5, \"verdict\": \"benign\", \"analyst\": \"k\", \"time\": \"2024-02-01T09:00:00Z\"}|fb.jsonl:2:32: give 'alert_id' or 'event_key', not both",
        "{\"alert_id\": 5, \"verdict\": \"benign\"}|fb.jsonl:2:14: alert_id must be a string, found the number 5",
        "{\"alert_id\": \"a\", \"alert_id\": \"b\"}|fb.jsonl:2:19: field 'alert_id' given twice",
        "{\"alert_id\": \"a\", \"verdict\": \"benign\", \"analyst\": \" \", \"time\": \"2024-02-01T09:00:00Z\"}|fb.jsonl:2:51: analyst is empty",
        "{\"alert_id\": \"a\",|fb.jsonl:2:",
        "{\"alert_id\": \"a\", \"verdict\": \"benign\", \"analyst\": \"k\", \"time\": \"2024-02-01T09:00:00Z\"} {}|fb.jsonl:2:88: one JSON object per line",
    })
    void badLinesAreLocatedErrors(String line, String message) {
        assertThatThrownBy(() -> read(OK + "\n" + line + "\n" + OK))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void filesAreReadAsStrictUtf8() throws Exception {
        Path f = dir.resolve("fb.jsonl");
        Files.write(f, (OK + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(FeedbackReader.read(f)).hasSize(1);
        byte[] bad = (OK + "\n{\"alert_id\": \"\u00e9\"}").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(f, bad);
        assertThatThrownBy(() -> FeedbackReader.read(f)).isInstanceOf(InputException.class).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> FeedbackReader.read(dir.resolve("none.jsonl"))).hasMessageEndingWith("no such feedback file");
    }

    @Test
    void overlongLinesAreRefusedBeforeParsing() {
        String huge = "{\"note\": \"" + "x".repeat(FeedbackReader.MAX_LINE_CHARS) + "\"}";
        assertThatThrownBy(() -> read(OK + "\n" + huge)).isInstanceOf(InputException.class)
                .hasMessageStartingWith("fb.jsonl:2: line longer than");
    }
}
