package io.sentinelrisk.core.export;

/**
 * Neutralises CSV formula injection (OWASP "CSV Injection"): a text cell that starts with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is run as a formula by
 * spreadsheets, so it is written with a leading {@code '}, which they show as text. Applied to
 * text cells (categorical columns and column names) of CSV exports only; numbers and timestamps
 * are written in canonical form by the product (a negative number is data a spreadsheet reads as
 * a number, not a formula), and JSON exports keep every value raw.
 */
public final class FormulaGuard {
    private FormulaGuard() {
    }

    /** {@code text}, prefixed with {@code '} when a spreadsheet would read it as a formula. */
    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }
}
