package io.sentinelrisk.server.web;

import io.sentinelrisk.server.auth.ApiKey;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's server-side sessions, in memory: a session id is 256 random bits, held in an
 * HttpOnly, SameSite=Strict cookie; the key's secret is never kept. A session ends on sign-out,
 * after {@link #MAX_AGE_MILLIS}, or as soon as its key is revoked (checked on every request by
 * {@link PageGate}). Restarting the server signs everybody out.
 */
public final class Sessions {
    /** Sessions last at most 12 hours, whatever the activity. */
    public static final long MAX_AGE_MILLIS = 12L * 3600 * 1000;
    /** The cookie's name. */
    public static final String COOKIE = "sr_session";

    private static final SecureRandom RANDOM = new SecureRandom();
    private final ConcurrentHashMap<String, WebSession> byId = new ConcurrentHashMap<>();

    /** A new session for a key that has just been verified. */
    public WebSession open(ApiKey key) {
        WebSession s = new WebSession(token(), key.id(), key.name(), key.role(), token(), System.currentTimeMillis());
        byId.put(s.id(), s);
        return s;
    }

    /** The live session with this id, or empty (unknown, ended or too old). */
    public Optional<WebSession> find(String id) {
        if (id == null || id.length() != 64) {
            return Optional.empty();
        }
        WebSession s = byId.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (System.currentTimeMillis() - s.createdAt() > MAX_AGE_MILLIS) {
            byId.remove(id);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    public void end(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** Ends every session opened with the key {@code keyId} (when it is revoked). */
    public void endForKey(String keyId) {
        byId.values().removeIf(s -> s.keyId().equals(keyId));
    }

    /** Compares a token sent back with the expected one in constant time. */
    public static boolean same(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
