package io.sentinelrisk.core.error;

/**
 * Values as shown to people on a terminal or in a message: a value from the data may be
 * megabytes long, so what is displayed is cut to {@link #MAX_SHOWN} characters and says how long
 * the original was ({@code first 60 characters… (10485760 chars)}). Exports keep values whole.
 */
public final class DisplayText {
    /** Characters of a value shown before it is cut. */
    public static final int MAX_SHOWN = 60;

    private DisplayText() {
    }

    /** {@code text} if at most {@link #MAX_SHOWN} characters long, else its start, {@code …} and its length. */
    public static String truncate(String text) {
        return truncate(text, MAX_SHOWN);
    }

    /** {@code text} if at most {@code max} characters long, else its start, {@code …} and its length. */
    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int cut = max;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;   // never split a character in two
        }
        return text.substring(0, cut) + "… (" + text.length() + " chars)";
    }
}
