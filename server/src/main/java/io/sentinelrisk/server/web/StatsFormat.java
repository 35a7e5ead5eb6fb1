package io.sentinelrisk.server.web;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Numbers as the statistics pages write them. */
public final class StatsFormat {
    private StatsFormat() {
    }

    /** A count with thousands separators. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A number with up to four significant digits ("-" when not a number). */
    public static String num(Double v) {
        if (v == null || Double.isNaN(v)) {
            return "–";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return String.format(Locale.ROOT, "%,d", v.longValue());
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** A share as a percentage with one decimal ("–" when nothing was judged). */
    public static String pct(Double share) {
        return share == null || Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    /** An amount with its currency code ("not stated" for the empty currency of alerts without a cost). */
    public static String money(double amount, String currency) {
        return currency == null || currency.isEmpty() ? "not stated" : String.format(Locale.ROOT, "%,.0f %s", amount, currency);
    }

    /** Sections of the training summary whose numbers the model card shows (prefixed with the section). */
    private static final List<String> METRIC_SECTIONS = List.of("training_metrics", "validation_metrics");

    /**
     * The model card's lines from the bundle's training summary: its top-level numbers and texts
     * (rows, input columns, ...) and the numbers of its metrics sections, in the summary's order.
     */
    public static List<Map.Entry<String, String>> trainingFacts(JsonNode training) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (training == null || !training.isObject()) {
            return out;
        }
        training.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isNumber() || v.isTextual() || v.isBoolean()) {
                out.add(Map.entry(e.getKey().replace('_', ' '), v.isNumber() ? num(v.asDouble()) : v.asText()));
            } else if (METRIC_SECTIONS.contains(e.getKey()) && v.isObject()) {
                v.fields().forEachRemaining(m -> {
                    if (m.getValue().isNumber()) {
                        out.add(Map.entry(e.getKey().replace('_', ' ') + ": " + m.getKey().replace('_', ' '), num(m.getValue().asDouble())));
                    }
                });
            }
        });
        return out;
    }
}
