package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.Column;

import java.nio.charset.StandardCharsets;

/** Timestamps as the CSV reader understands them, for other readers (JSON records). */
public final class Timestamps {
    private Timestamps() {
    }

    /** Epoch milliseconds (UTC) of {@code text}, or {@link Column.Timestamp#MISSING} if it is not a timestamp. */
    public static long parse(String text) {
        byte[] b = text.trim().getBytes(StandardCharsets.UTF_8);
        return TimestampParser.parse(b, 0, b.length);
    }
}
