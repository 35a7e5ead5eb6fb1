package io.sentinelrisk.core.export.format;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.Explanation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts for format tests, bound from their JSON shape (as a receiver or the store reads them), so
 * that fields added to the alert later (null when absent) do not change these tests.
 */
final class SampleAlerts {
    /** Text that tries every format's injection: CEF header/extension, new lines, HTML/Slack markup, JSON. */
    static final String HOSTILE = "a|b\\c=d\r\nCEF:0|Evil|x|1|2|3|10|act=drop <script>alert(1)</script> <!channel> <@U1> & \"q\" \u2028end";

    private SampleAlerts() {
    }

    static Alert of(Severity severity, double risk, String source, Object id, Map<String, Object> features, List<Reason> reasons) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("row", 4);
        a.put("line", 6);
        a.put("source", source);
        a.put("id", id);
        a.put("score", 0.73);
        a.put("risk", risk);
        a.put("severity", severity.id());
        a.put("is_anomaly", severity != Severity.INFO);
        a.put("features", features);
        List<Explanation> explanations = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Reason r : reasons) {
            explanations.add(Explanation.of(r));
            texts.add(r.narrative());
        }
        a.put("reasons", explanations);
        a.put("narrative", texts.isEmpty() ? "nothing stands out" : String.join("; ", texts));
        return Json.mapper().convertValue(a, Alert.class);
    }

    static Alert ordinary(Severity severity) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("bytes_out", 9000000L);
        f.put("user", "alice");
        f.put("hostname", "ws-042");
        f.put("hour", 3);
        return of(severity, 99.87, "events.csv", "e-5", f,
                List.of(new Reason("bytes_out", "9000000", "median 41200", 11.94, "bytes_out is 9000000, +11.9 std above normal (median 41200)")));
    }

    static Alert hostile(String text) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("user", text);
        f.put("host", text);
        f.put(text, text);
        return of(Severity.CRITICAL, 99.5, text, text, f, List.of(new Reason(text, text, text, 5.0, text)));
    }
}
