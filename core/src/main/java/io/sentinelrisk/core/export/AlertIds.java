package io.sentinelrisk.core.export;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stable alert ids, so that an analyst's verdict can name the alert it judges (docs/feedback.md).
 * A record with an event key (its id column values): the first 16 hex digits of SHA-256 over the
 * model id and the key. A record without: the row number mixed with a 128-bit key that is the
 * SHA-256 of the model id and the source, by a bijection of 64-bit numbers ({@link #rowId}), so
 * that within one input no two rows share an id, and a scorecard of a million rows costs one
 * digest instead of a million (a digest a row was a tenth of a {@code score}'s CPU). The same
 * model scoring the same event gives the same id, in a batch or one record at a time.
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
        return key != null ? hash(modelId, "key", key) : new Hasher(modelId, source).rowId(row);
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
     * The alert ids of many records of one model and source, as {@link #of} gives them, with the
     * source's row key computed once (a scorecard asks for one id per row). Thread-safe.
     */
    public static final class Hasher {
        private final String modelId;
        private final String source;
        private final long k0;
        private final long k1;

        public Hasher(String modelId, String source) {
            this.modelId = modelId;
            this.source = source;
            byte[] d = sha256().digest((modelId + "\u0000row\u0000" + source).getBytes(StandardCharsets.UTF_8));
            ByteBuffer b = ByteBuffer.wrap(d);
            this.k0 = b.getLong();
            this.k1 = b.getLong();
        }

        /** Whether this hasher is for {@code source}. */
        public boolean isFor(String source) {
            return this.source.equals(source);
        }

        /** {@link AlertIds#of}{@code (modelId, source, row, id)}. */
        public String of(int row, Object id) {
            String key = eventKey(id);
            return key != null ? hash(modelId, "key", key) : rowId(row);
        }

        /**
         * The id of a row without an event key: {@code fmix64(row + k0) ^ k1} as 16 hex digits, where
         * fmix64 is MurmurHash3's finaliser. Each step is one-to-one on 64-bit numbers, so distinct
         * rows of a source always get distinct ids.
         */
        String rowId(int row) {
            return HexFormat.of().toHexDigits(rowKey(row));
        }

        /** The number whose 16 hex digits are {@link #rowId}{@code (row)}, for writers that write the digits themselves. */
        public long rowKey(int row) {
            long x = row + k0;
            x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
            x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
            x ^= x >>> 33;
            return x ^ k1;
        }
    }

    private static String hex16(byte[] digest) {
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One SHA-256 per thread: looking the algorithm up cost more than hashing an event key, and an
     * alert with an event key needs one hash. {@code digest()} leaves it reset for the next use.
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(AlertIds::sha256);

    private static String hash(String modelId, String kind, String key) {
        MessageDigest md = SHA256.get();
        md.update((modelId + "\u0000" + kind + "\u0000" + key).getBytes(StandardCharsets.UTF_8));
        return hex16(md.digest());
    }
}
