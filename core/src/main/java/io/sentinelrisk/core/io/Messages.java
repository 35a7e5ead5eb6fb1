package io.sentinelrisk.core.io;

/** Small helpers that keep messages on one line and readable. */
final class Messages {
    private Messages() {
    }

    private static final int MAX_SHOWN = 60;

    /** The text in double quotes, control characters escaped, cut after 60 characters. */
    static String quote(String text) {
        return quote(text, '"');
    }

    /** A column name in single quotes, control characters escaped, cut after 60 characters. */
    static String name(String name) {
        return quote(name, '\'');
    }

    private static String quote(String text, char mark) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_SHOWN) + 8).append(mark);
        int shown = 0;
        for (int i = 0; i < text.length(); i++) {
            if (shown == MAX_SHOWN) {
                sb.append("...");
                break;
            }
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"', '\'' -> {
                    if (c == mark) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
            shown++;
        }
        return sb.append(mark).toString();
    }

    /** A delimiter as users name it. */
    static String delimiterName(byte d) {
        return switch (d) {
            case '\t' -> "tab";
            case ',' -> "comma";
            case ';' -> "semicolon";
            case '|' -> "pipe";
            default -> "'" + (char) d + "'";
        };
    }
}
