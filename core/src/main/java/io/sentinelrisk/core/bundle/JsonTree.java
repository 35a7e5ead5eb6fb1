package io.sentinelrisk.core.bundle;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a bundle's JSON (RFC 8259, UTF-8) into plain Java values: objects as
 * {@link LinkedHashMap} (keys in file order, a repeated key's last value wins), arrays as
 * {@link ArrayList}, whole numbers as Integer, Long or BigInteger (the smallest that holds them),
 * fractions and exponents as Double ({@link Double#parseDouble}), then String, Boolean and null —
 * the values Jackson's streaming parser, and its data binding into an untyped
 * {@code Map<String, Object>}, give, so the effective config reads back as before.
 *
 * <p>Why not Jackson's parser: reading a bundle is on every scoring command's start path, and
 * the parser's first use initialises {@link java.math.BigDecimal} (its limits are BigDecimal
 * constants), whose static tables (5^(2^16) among them, on JDK 25) took 10–40 ms of a
 * {@code score}'s start on the quick compiler; nothing else a {@code score} does needs it.
 * Why not the data binder: its first use, building deserializers by reflection, cost more than a
 * quarter of a one-record {@code predict}.
 */
final class JsonTree {
    /** Objects and arrays nested deeper are refused (Jackson's default limit). */
    static final int MAX_DEPTH = 1000;

    private final byte[] in;
    private int pos;
    private int depth;

    private JsonTree(byte[] in) {
        this.in = in;
    }

    /** The JSON object in {@code bytes}; malformed JSON is an InputException at {@code where}. */
    static Map<String, Object> object(byte[] bytes, String where, String what) {
        JsonTree p = new JsonTree(bytes);
        try {
            if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
                p.pos = 3;   // a byte order mark, as Jackson skips it
            }
            p.space();
            if (p.pos == bytes.length || p.in[p.pos] != '{') {
                if (p.pos < bytes.length && !startsValue(p.in[p.pos])) {
                    throw p.malformed("unexpected character " + p.shown());
                }
                throw BundleJson.corrupt(where, what, "expected a JSON object");
            }
            Map<String, Object> root = p.readObject();
            p.space();
            if (p.pos < bytes.length) {
                throw BundleJson.corrupt(where, what, "not valid JSON: more content after the object");
            }
            return root;
        } catch (Malformed e) {
            throw BundleJson.corrupt(where, what, "not valid JSON: " + e.getMessage());
        }
    }

    private static boolean startsValue(byte b) {
        return b == '[' || b == '"' || b == '-' || (b >= '0' && b <= '9') || b == 't' || b == 'f' || b == 'n';
    }

    private Object value() throws Malformed {
        if (pos == in.length) {
            throw malformed("unexpected end of input");
        }
        byte b = in[pos];
        return switch (b) {
            case '{' -> readObject();
            case '[' -> readArray();
            case '"' -> readString();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (b == '-' || (b >= '0' && b <= '9')) {
                    yield readNumber();
                }
                throw malformed("unexpected character " + shown());
            }
        };
    }

    private Map<String, Object> readObject() throws Malformed {
        enter();
        pos++;   // {
        Map<String, Object> out = new LinkedHashMap<>();
        space();
        if (peek() == '}') {
            pos++;
            depth--;
            return out;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw malformed("expected a field name in quotes, found " + shown());
            }
            String key = readString();
            space();
            expect(':');
            space();
            out.put(key, value());
            space();
            byte b = peek();
            pos++;
            if (b == '}') {
                depth--;
                return out;
            }
            if (b != ',') {
                pos--;
                throw malformed("expected ',' or '}', found " + shown());
            }
        }
    }

    private List<Object> readArray() throws Malformed {
        enter();
        pos++;   // [
        List<Object> out = new ArrayList<>();
        space();
        if (peek() == ']') {
            pos++;
            depth--;
            return out;
        }
        while (true) {
            space();
            out.add(value());
            space();
            byte b = peek();
            pos++;
            if (b == ']') {
                depth--;
                return out;
            }
            if (b != ',') {
                pos--;
                throw malformed("expected ',' or ']', found " + shown());
            }
        }
    }

    private void enter() throws Malformed {
        if (++depth > MAX_DEPTH) {
            throw malformed("nested deeper than " + MAX_DEPTH);
        }
    }

    /** A string from its opening quote: plain ASCII copied at once, escapes and UTF-8 decoded. */
    private String readString() throws Malformed {
        int start = ++pos;
        while (pos < in.length) {
            byte b = in[pos];
            if (b == '"') {
                return new String(in, start, pos++ - start, StandardCharsets.ISO_8859_1);
            }
            if (b == '\\' || b < 0x20) {   // an escape, a control character, or a byte of a multi-byte character (negative)
                break;
            }
            pos++;
        }
        pos = start;
        StringBuilder sb = new StringBuilder();
        int run = pos;   // start of the bytes not yet decoded
        while (true) {
            if (pos == in.length) {
                throw malformed("unexpected end of input in a string");
            }
            byte b = in[pos];
            if (b == '"') {
                utf8(run, pos, sb);
                pos++;
                return sb.toString();
            }
            if (b >= 0 && b < 0x20) {
                throw malformed("unescaped control character (code " + b + ") in a string");
            }
            if (b != '\\') {
                pos++;
                continue;
            }
            utf8(run, pos, sb);
            pos++;
            if (pos == in.length) {
                throw malformed("unexpected end of input in a string");
            }
            byte e = in[pos++];
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(hex4());
                default -> {
                    pos--;
                    throw malformed("unrecognised escape \\" + shown() + " in a string");
                }
            }
            run = pos;
        }
    }

    private char hex4() throws Malformed {
        if (pos + 4 > in.length) {
            throw malformed("unexpected end of input in a \\u escape");
        }
        int c = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(in[pos], 16);
            if (d < 0) {
                throw malformed("expected a hex digit in a \\u escape, found " + shown());
            }
            c = c * 16 + d;
            pos++;
        }
        return (char) c;
    }

    /** Decodes {@code in[from, to)} as UTF-8 onto {@code sb}; a malformed sequence is refused, as Jackson refuses it. */
    private void utf8(int from, int to, StringBuilder sb) throws Malformed {
        if (from == to) {
            return;
        }
        try {
            sb.append(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(in, from, to - from)));
        } catch (CharacterCodingException e) {
            throw malformed("invalid UTF-8 in a string");
        }
    }

    /**
     * A number as JSON writes it (no leading zeros, no '+', digits on both sides of a point):
     * whole numbers as the smallest of Integer, Long, BigInteger; others as a Double.
     */
    private Object readNumber() throws Malformed {
        int start = pos;
        if (in[pos] == '-') {
            pos++;
        }
        int intStart = pos;
        digits();
        if (in[intStart] == '0' && pos - intStart > 1) {
            throw malformed("leading zeros in a number");
        }
        boolean whole = true;
        if (pos < in.length && in[pos] == '.') {
            pos++;
            digits();
            whole = false;
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            digits();
            whole = false;
        }
        String text = new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
        if (!whole) {
            return Double.parseDouble(text);
        }
        int n = pos - intStart;
        if (n <= 18) {
            long v = Long.parseLong(text);
            return v == (int) v ? (Object) (int) v : (Object) v;
        }
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    /** One or more digits. */
    private void digits() throws Malformed {
        int start = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        if (pos == start) {
            throw malformed(pos == in.length ? "unexpected end of input in a number" : "expected a digit, found " + shown());
        }
    }

    private Object literal(String word, Object value) throws Malformed {
        int n = word.length();
        if (pos + n > in.length || !new String(in, pos, n, StandardCharsets.ISO_8859_1).equals(word)) {
            throw malformed("unrecognised token at " + shown());
        }
        pos += n;
        if (pos < in.length && (Character.isLetterOrDigit(in[pos]) || in[pos] == '_')) {
            throw malformed("unrecognised token at " + shown());
        }
        return value;
    }

    private void expect(char c) throws Malformed {
        if (peek() != c) {
            throw malformed("expected '" + c + "', found " + shown());
        }
        pos++;
    }

    /** The byte at the position, or -1 at the end. */
    private byte peek() {
        return pos < in.length ? in[pos] : -1;
    }

    private void space() {
        while (pos < in.length) {
            byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    /** The character at the position, for messages. */
    private String shown() {
        if (pos >= in.length) {
            return "the end of input";
        }
        int b = in[pos] & 0xFF;
        return b >= 0x20 && b < 0x7F ? "'" + (char) b + "'" : "byte 0x" + Integer.toHexString(b);
    }

    private Malformed malformed(String message) {
        return new Malformed(message + " at byte " + pos);
    }

    /** Malformed JSON, with what and where (a byte offset). */
    private static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
