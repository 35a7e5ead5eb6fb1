package io.sentinelrisk.cli.synth;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parsing and printing the generate and inject commands share. */
final class SynthOptions {
    private SynthOptions() {
    }

    /** An ISO-8601 instant (2024-01-01T00:00:00Z) or a date (2024-01-01, midnight UTC). */
    static Instant start(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InputException("--start: expected a date like 2024-01-01 or an instant like 2024-01-01T00:00:00Z, found '" + text + "'");
        }
    }

    /** "400 anomalous (134 data_exfiltration, 133 impossible_travel, 133 brute_force)". */
    static String labelSummary(Frame frame) {
        Column scenario = frame.column("scenario");
        Map<String, Integer> counts = new LinkedHashMap<>();
        int total = 0;
        if (scenario instanceof Column.Categorical c) {
            int[] perCode = new int[c.dictionary().size()];
            for (int code : c.codes()) {
                if (code >= 0) {
                    perCode[code]++;
                }
            }
            for (int k = 0; k < perCode.length; k++) {
                if (perCode[k] > 0 && !c.dictionary().get(k).equals("normal")) {
                    counts.put(c.dictionary().get(k), perCode[k]);
                    total += perCode[k];
                }
            }
        }
        StringBuilder sb = new StringBuilder().append(total).append(" anomalous");
        if (!counts.isEmpty()) {
            sb.append(" (");
            boolean first = true;
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                sb.append(first ? "" : ", ").append(e.getValue()).append(' ').append(e.getKey());
                first = false;
            }
            sb.append(')');
        }
        return sb.toString();
    }

    static String seconds(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.2f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
