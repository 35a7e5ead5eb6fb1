package io.sentinelrisk.core.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stable alert ids, so that an analyst's verdict can name the alert it judges (docs/feedback.md).
 * {@code alert_id} = the first 16 hex digits of SHA-256 over the model id and the record's event
 * key when it has one (its id column values), else over the model id, the source and the row:
 * the same model scoring the same event gives the same id, in a batch or one record at a time.
 */
public final class AlertIds {
    private AlertIds() {
    }

    /**
     * @param modelId the model's id ({@code io.sentinelrisk.core.bundle.ModelId})
     * @param source  the input's name (used only without an event key)
     * @param row     the record's 0-based row (used only without an event key)
     * @param id      the record's id value (a scalar or a map of them), or null without
     */
    public static String of(String modelId, String source, int row, Object id) {
        String key = eventKey(id);
        return key != null ? hash(modelId, "key", key) : hash(modelId, "row", source + "\u0000" + row);
    }

    /** The alert id of an event key given in a verdict, for the model {@code modelId}. */
    public static String ofEventKey(String modelId, Object eventKey) {
        String key = eventKey(eventKey);
        if (key == null) {
            throw new IllegalArgumentException("no event key");
        }
        return hash(modelId, "key", key);
    }

    /**
     * The canonical text of an event key: a scalar's text (a whole number without a fraction), a
     * map of several ids as {@code name=value} pairs sorted by name and joined by {@code &};
     * null for null or an empty map.
     */
    public static String eventKey(Object id) {
        if (id == null) {
            return null;
        }
        if (id instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                return null;
            }
            Map<String, String> sorted = new TreeMap<>();
            m.forEach((k, v) -> sorted.put(String.valueOf(k), scalar(v)));
            StringBuilder sb = new StringBuilder();
            sorted.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(k).append('=').append(v));
            return sb.toString();
        }
        return scalar(id);
    }

    private static String scalar(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return Double.toString(d);
        }
        return v.toString();
    }

    /**
     * The alert ids of many records of one model and source, as {@link #of} gives them, with one
     * digest and the fixed part of the hashed text encoded once (a scorecard asks for one per
     * row). Not thread-safe.
     */
    public static final class Hasher {
        private final String source;
        private final MessageDigest md;
        private final byte[] rowPrefix;
        private final byte[] keyPrefix;
        private final byte[] digits = new byte[11];

        public Hasher(String modelId, String source) {
            this.source = source;
            this.md = sha256();
            this.rowPrefix = (modelId + "\u0000row\u0000" + source + "\u0000").getBytes(StandardCharsets.UTF_8);
            this.keyPrefix = (modelId + "\u0000key\u0000").getBytes(StandardCharsets.UTF_8);
        }

        /** Whether this hasher is for {@code source}. */
        public boolean isFor(String source) {
            return this.source.equals(source);
        }

        /** {@link AlertIds#of}{@code (modelId, source, row, id)}. */
        public String of(int row, Object id) {
            String key = eventKey(id);
            if (key != null) {
                // the text of hash(modelId, "key", key), on this hasher's digest (no digest lookup per row)
                md.update(keyPrefix);
                md.update(key.getBytes(StandardCharsets.UTF_8));
                return hex16(md.digest());
            }
            md.update(rowPrefix);
            int at = digits.length;
            long v = row;
            boolean negative = v < 0;
            v = Math.abs(v);
            do {
                digits[--at] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v != 0);
            if (negative) {
                digits[--at] = '-';
            }
            md.update(digits, at, digits.length - at);
            return hex16(md.digest());
        }
    }

    private static final HexFormat HEX = HexFormat.of();

    private static String hex16(byte[] digest) {
        return HEX.formatHex(digest, 0, 8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hash(String modelId, String kind, String key) {
        MessageDigest md = sha256();
        md.update((modelId + "\u0000" + kind + "\u0000" + key).getBytes(StandardCharsets.UTF_8));
        return hex16(md.digest());
    }
}
