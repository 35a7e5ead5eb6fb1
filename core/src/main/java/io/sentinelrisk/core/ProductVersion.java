package io.sentinelrisk.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The product's version, as Maven built it. */
public final class ProductVersion {
    private static final String VERSION = load();

    private ProductVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ProductVersion.class.getResourceAsStream("version.txt")) {
            if (in == null) {
                return "unknown";
            }
            String v = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
