package io.sentinelrisk.core.export.format;

import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.export.Alert;

import java.time.Instant;
import java.util.Locale;

/**
 * ArcSight Common Event Format, version 0, one line per alert.
 *
 * <p>Spec: "Micro Focus Security ArcSight Common Event Format, Implementing ArcSight CEF" (rev. 25,
 * 2017; the current OpenText "CEF Implementation Standard"). Line:
 * {@code CEF:Version|Device Vendor|Device Product|Device Version|Device Event Class ID|Name|Severity|Extension}.
 * Header fields escape {@code \} as {@code \\} and {@code |} as {@code \|}; extension values
 * escape {@code \} as {@code \\}, {@code =} as {@code \=}, and line breaks as {@code \n} /
 * {@code \r} ({@code |} needs no escape there). Severity is 0-10 (0-3 low, 4-6 medium, 7-8 high,
 * 9-10 very high): info 3, medium 5, high 8, critical 10. Other control characters (which the
 * spec does not allow in a line) become spaces, so an event's text can neither end the line nor
 * forge a header field or an extension key. Lengths: {@code msg} ≤ 1023 characters, custom
 * strings ({@code csN}) ≤ 4000, Name ≤ 512.
 */
public record CefFormat() implements AlertFormat {
    static final int MAX_NAME = 512;
    static final int MAX_MSG = 1023;
    static final int MAX_CS = 4000;

    @Override
    public String render(Alert alert, Instant now) {
        AlertView v = new AlertView(alert);
        Instant eventTime = v.eventTime();
        StringBuilder sb = new StringBuilder(512);
        sb.append("CEF:0|").append(header(Product.VENDOR)).append('|').append(header(Product.NAME)).append('|')
                .append(header(Product.version())).append('|')
                .append(header(v.category() != null ? "anomaly:" + v.category() : "anomaly")).append('|')
                .append(header(cut(v.title(), MAX_NAME))).append('|')
                .append(severity(v.severity())).append('|');
        Extension ext = new Extension(sb);
        ext.put("rt", Long.toString(Nodes.millis(eventTime != null ? eventTime : now).toEpochMilli()));
        ext.put("externalId", v.key());
        ext.put("cat", v.category() != null ? v.category() : "anomaly");
        ext.put("msg", cut(v.narrative(), MAX_MSG));
        ext.put("cfp1", number(v.risk()));
        ext.put("cfp1Label", "risk");
        ext.put("cfp2", number(v.score()));
        ext.put("cfp2Label", "anomaly_score");
        ext.put("cs1", cut(alert.source(), MAX_CS));
        ext.put("cs1Label", "source");
        if (v.recordId() != null) {
            ext.put("cs2", cut(v.recordId(), MAX_CS));
            ext.put("cs2Label", "record_id");
        }
        ext.put("cs3", cut(Json.line(alert.reasons()), MAX_CS));
        ext.put("cs3Label", "reasons");
        // the alert's optional facts take the free custom strings cs4..cs6, labelled with their names
        int slot = 4;
        for (AlertView.Fact f : v.facts()) {
            if (slot > 6) {
                break;
            }
            ext.put("cs" + slot, cut(f.value(), MAX_CS));
            ext.put("cs" + slot + "Label", f.key());
            slot++;
        }
        ext.put("cn1", Integer.toString(alert.row()));
        ext.put("cn1Label", "row");
        if (v.host() != null) {
            ext.put("shost", v.host());
        }
        if (v.user() != null) {
            ext.put("suser", v.user());
        }
        return sb.toString();
    }

    /** CEF severity 0-10 of a severity band. */
    static int severity(String severity) {
        return switch (severity) {
            case "critical" -> 10;
            case "high" -> 8;
            case "medium" -> 5;
            default -> 3;
        };
    }

    /** A header field: backslash and pipe escaped, control characters (line breaks included) as spaces. */
    static String header(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '|' -> out.append("\\|");
                default -> out.append(control(c) ? ' ' : c);
            }
        }
        return out.toString();
    }

    /** An extension value: backslash and equals escaped, line breaks as \n and \r, other controls as spaces. */
    static String extension(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '=' -> out.append("\\=");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(control(c) ? ' ' : c);
            }
        }
        return out.toString();
    }

    /** Characters no CEF line may carry raw: ISO controls and the Unicode line and paragraph separators. */
    static boolean control(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%s", v) : "";
    }

    /** At most {@code max} characters (before escaping), never splitting a surrogate pair. */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    /** Appends {@code key=value} pairs separated by spaces; keys are fixed names, values escaped. */
    private static final class Extension {
        private final StringBuilder sb;
        private boolean first = true;

        Extension(StringBuilder sb) {
            this.sb = sb;
        }

        void put(String key, String value) {
            if (!first) {
                sb.append(' ');
            }
            first = false;
            sb.append(key).append('=').append(extension(value));
        }
    }

    @Override
    public String contentType() {
        return "text/plain; charset=utf-8";
    }

    @Override
    public ExportFormat id() {
        return ExportFormat.CEF;
    }
}
