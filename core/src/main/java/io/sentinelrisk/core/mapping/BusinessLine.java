package io.sentinelrisk.core.mapping;

import java.util.Locale;

/**
 * The one-line narrative of a mapped record: the category's filled-in narrative, then
 * {@code Risk: HIGH | Est. Cost: $15,000 | SLA: 30 min | Action: … | Escalation: a → b}.
 */
public final class BusinessLine {
    private BusinessLine() {
    }

    static String of(String narrative, Business b) {
        StringBuilder sb = new StringBuilder(narrative.strip());
        if (!sb.isEmpty() && ".!?".indexOf(sb.charAt(sb.length() - 1)) < 0) {
            sb.append('.');
        }
        if (!sb.isEmpty()) {
            sb.append(' ');
        }
        sb.append("Risk: ").append(b.riskLevel().toUpperCase(Locale.ROOT));
        if (b.estimatedCost() != null) {
            sb.append(" | Est. Cost: ").append(money(b.estimatedCost(), b.currency()));
        }
        sb.append(" | SLA: ").append(b.slaMinutes() == null ? "none" : sla(b.slaMinutes()));
        sb.append(" | Action: ").append(b.recommendedAction());
        if (!b.escalation().isEmpty()) {
            sb.append(" | Escalation: ").append(String.join(" → ", b.escalation()));
        }
        return sb.toString();
    }

    /** $500, €1,200.50, 3,000 CHF. */
    public static String money(double amount, String currency) {
        String n = amount == Math.rint(amount) && Math.abs(amount) < 1e15
                ? grouped((long) amount) : String.format(Locale.ROOT, "%,.2f", amount);
        return switch (currency) {
            case "USD" -> "$" + n;
            case "EUR" -> "€" + n;
            case "GBP" -> "£" + n;
            case "JPY" -> "¥" + n;
            default -> n + " " + currency;
        };
    }

    /** {@code String.format(Locale.ROOT, "%,d", v)} without a Formatter (every mapped alert writes its cost). */
    static String grouped(long v) {
        String digits = Long.toString(v);
        int start = v < 0 ? 1 : 0;
        StringBuilder sb = new StringBuilder(digits.length() + digits.length() / 3);
        sb.append(digits, 0, start);
        for (int i = start; i < digits.length(); i++) {
            if (i > start && (digits.length() - i) % 3 == 0) {
                sb.append(',');
            }
            sb.append(digits.charAt(i));
        }
        return sb.toString();
    }

    /** 15 min, 90 min, 4 h, 24 h. */
    static String sla(int minutes) {
        return minutes >= 120 && minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min";
    }
}
