package io.sentinelrisk.core.export.format;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.AlertOrigin;
import io.sentinelrisk.core.pipeline.ScoredRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alerts for format tests, made through the one factory the product uses. */
final class SampleAlerts {
    /** Text that tries every format's injection: CEF header/extension, new lines, HTML/Slack markup, JSON. */
    static final String HOSTILE = "a|b\\c=d\r\nCEF:0|Evil|x|1|2|3|10|act=drop <script>alert(1)</script> <!channel> <@U1> & \"q\" \u2028end";

    private SampleAlerts() {
    }

    static Alert of(Severity severity, double risk, String source, Object id, Map<String, Object> features, List<Reason> reasons) {
        ScoredRecord scored = new ScoredRecord(0.73, risk, severity, severity != Severity.INFO, reasons);
        return Alert.of(scored, new AlertOrigin(source, 4, 6L, id, null), features);
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
