package io.sentinelrisk.core.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Escaping holds for any text: seeded random strings over an alphabet of every character the
 * formats treat specially (and a few ordinary and non-BMP ones) go through CEF and Slack, and come
 * out as one line whose fields decode back to the text (CEF) or with no raw markup (Slack).
 */
class EscapingPropertyTest {
    private static final String ALPHABET = "|\\=\n\r\t\u0000\u001b\u2028<>&!@#\"' aZ9é";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-06T10:15:30Z");

    private static String random(Random rnd) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + rnd.nextInt(60);
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(20) == 0) {
                sb.appendCodePoint(0x1F600 + rnd.nextInt(50));
            } else {
                sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
            }
        }
        return sb.toString();
    }

    /** What CEF keeps of a text: line breaks (escaped and decoded back), other controls as spaces. */
    private static String cefKept(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c == '\n' || c == '\r' || !CefFormat.control(c) ? c : ' ');
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void cefFieldsRoundTripAndSlackHasNoRawMarkup(long seed) throws Exception {
        Random rnd = new Random(seed);
        for (int i = 0; i < 40; i++) {
            String text = random(rnd);
            var alert = SampleAlerts.hostile(text);
            String line = new CefFormat().render(alert, NOW);
            assertThat(line).doesNotContain("\n", "\r");
            CefLine cef = CefLine.parse(line);
            assertThat(cef.header()).hasSize(7);
            assertThat(cef.header().get(0)).isEqualTo("CEF:0");
            String shown = text.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList() + " in " + line;
            assertThat(cef.extension().get("cs1")).as(shown).isEqualTo(cefKept(text));
            if (!text.isBlank()) {
                assertThat(cef.extension().get("suser")).as(shown).isEqualTo(cefKept(text));
            }
            assertThat(cef.extension()).containsKey("cn1");

            JsonNode slack = JSON.readTree(new SlackFormat().render(alert, NOW));
            for (JsonNode t : slack.findValues("text")) {
                if (t.isTextual()) {
                    assertThat(t.asText().replaceAll("&(amp|lt|gt);", "")).doesNotContain("<", ">", "&");
                }
            }
        }
    }
}
