package io.sentinelrisk.core.export.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.Explanation;

import java.time.Instant;

/**
 * A Slack-compatible incoming-webhook message: {@code text} (the notification fallback) and
 * Block Kit {@code blocks} (Mattermost and other Slack-compatible receivers read the same).
 *
 * <p>Spec: https://api.slack.com/reference/surfaces/formatting#escaping ("replace &amp;, &lt; and
 * &gt; with &amp;amp;, &amp;lt; and &amp;gt;") and https://api.slack.com/reference/block-kit/blocks
 * (section text ≤ 3000 characters, ≤ 10 fields of ≤ 2000 characters, context elements). Every
 * event-derived string is escaped, so an event cannot post a link, a mention ({@code <!channel>},
 * {@code <@U…>}) or a fake element; the text stays inside its JSON string (Jackson escapes).
 */
public record SlackFormat() implements AlertFormat {
    static final int MAX_SECTION = 3000;
    static final int MAX_FIELD = 2000;
    static final int MAX_FIELDS = 10;
    static final int MAX_REASONS = 5;

    @Override
    public String render(Alert alert, Instant now) {
        AlertView v = new AlertView(alert);
        ObjectNode msg = Nodes.object();
        String title = v.title();   // names the severity and risk already
        msg.put("text", escape(title, MAX_SECTION));
        ArrayNode blocks = msg.putArray("blocks");

        section(blocks, "*" + escape(title, MAX_SECTION - 2) + "*");
        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        field(fields, "Severity", v.severity());
        field(fields, "Risk", AlertView.formatRisk(v.risk()));
        field(fields, "Source", alert.source());
        if (v.recordId() != null) {
            field(fields, "Record", v.recordId());
        }
        if (v.host() != null) {
            field(fields, "Host", v.host());
        }
        if (v.user() != null) {
            field(fields, "User", v.user());
        }
        for (AlertView.Fact f : v.facts()) {
            if (fields.size() < MAX_FIELDS) {
                field(fields, f.label(), f.value());
            }
        }

        StringBuilder reasons = new StringBuilder();
        int n = 0;
        for (Explanation r : alert.reasons()) {
            if (n++ == MAX_REASONS) {
                break;
            }
            reasons.append("• ").append(r.text()).append('\n');
        }
        section(blocks, escape(reasons.isEmpty() ? v.narrative() : reasons.toString().stripTrailing(), MAX_SECTION));
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", escape(Product.NAME + " " + Product.version() + " · alert " + v.key(), MAX_FIELD));
        return Nodes.line(msg);
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
    }

    private static void field(ArrayNode fields, String name, String value) {
        String label = "*" + name + "*\n";
        fields.addObject().put("type", "mrkdwn").put("text", label + escape(value, MAX_FIELD - label.length()));
    }

    /**
     * {@code s} with Slack's control characters escaped, at most {@code max} characters long
     * (cut with an ellipsis between characters, never inside an escape or a surrogate pair).
     */
    static String escape(String s, int max) {
        String whole = escapeAll(s, Integer.MAX_VALUE);
        return whole.length() <= max ? whole : escapeAll(s, max - 1) + "…";
    }

    /** The escaped pieces of {@code s} (whole code points, whole escapes) while they fit in {@code room} characters. */
    private static String escapeAll(String s, int room) {
        StringBuilder out = new StringBuilder(Math.min(s.length() + 16, Math.max(16, room)));
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            String piece = switch (cp) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> new String(Character.toChars(cp));
            };
            if (out.length() + piece.length() > room) {
                break;
            }
            out.append(piece);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public ExportFormat id() {
        return ExportFormat.SLACK;
    }
}
