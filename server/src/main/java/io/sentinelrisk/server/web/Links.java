package io.sentinelrisk.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links and small texts the templates share. Links are always a fixed server path with the value
 * URL-encoded as a query parameter: a value from an event (an entity named {@code javascript:…}
 * or {@code ../admin}) can never become a link of its own.
 */
public final class Links {
    private Links() {
    }

    public static String entity(String entity) {
        return "/entity?id=" + URLEncoder.encode(entity, StandardCharsets.UTF_8);
    }

    /** "3 h 05 min", "12 min", "40 s". */
    public static String duration(long millis) {
        long s = millis / 1000;
        if (s < 60) {
            return s + " s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + " min";
        }
        long h = m / 60;
        if (h < 48) {
            return h + " h " + String.format("%02d", m % 60) + " min";
        }
        return (h / 24) + " d " + (h % 24) + " h";
    }
}
