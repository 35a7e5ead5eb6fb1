package io.sentinelrisk.core.export.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of one CEF line, written from the spec (not from the writer) so that tests can
 * check that escaping round-trips: seven header fields split on unescaped pipes, then an
 * extension of {@code key=value} pairs where a key is a run of [A-Za-z0-9_] before an unescaped
 * '=' and a value runs to the space before the next key.
 */
record CefLine(List<String> header, Map<String, String> extension) {
    static CefLine parse(String line) {
        List<String> header = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        while (header.size() < 7) {
            if (i >= line.length()) {
                throw new IllegalArgumentException("fewer than 7 header fields: " + line);
            }
            char c = line.charAt(i++);
            if (c == '\\') {
                char n = line.charAt(i++);
                if (n != '\\' && n != '|') {
                    throw new IllegalArgumentException("bad header escape \\" + n);
                }
                cur.append(n);
            } else if (c == '|') {
                header.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        String ext = line.substring(i);
        // positions of unescaped '='
        List<Integer> eqs = new ArrayList<>();
        for (int j = 0; j < ext.length(); j++) {
            if (ext.charAt(j) == '\\') {
                j++;
            } else if (ext.charAt(j) == '=') {
                eqs.add(j);
            }
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        int[] keyStart = new int[eqs.size()];
        for (int k = 0; k < eqs.size(); k++) {
            int s = eqs.get(k);
            while (s > 0 && isKeyChar(ext.charAt(s - 1))) {
                s--;
            }
            keyStart[k] = s;
        }
        for (int k = 0; k < eqs.size(); k++) {
            String key = ext.substring(keyStart[k], eqs.get(k));
            int end = k + 1 < eqs.size() ? keyStart[k + 1] - 1 : ext.length();
            String raw = ext.substring(eqs.get(k) + 1, end);
            if (pairs.put(key, unescape(raw)) != null) {
                throw new IllegalArgumentException("key twice: " + key);
            }
        }
        return new CefLine(header, pairs);
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static String unescape(String v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(++i);
                sb.append(switch (n) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
