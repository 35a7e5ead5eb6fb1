package io.sentinelrisk.server.auth;

import io.sentinelrisk.server.store.Database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * API keys: created with 256 random bits, shown once as {@code sk_ID_SECRET}; the table keeps
 * the id, a random salt and SHA-256(salt ‖ secret). Checking a key finds its row by id and
 * compares hashes in constant time. A key is never written to a log or an error message.
 */
public final class KeyStore {
    /** The created key: {@code token} is shown once and never stored. */
    public record Created(ApiKey key, String token) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    /**
     * How long a verified token is taken on trust before the store is asked again: a key revoked
     * by another process (keys revoke against the same PostgreSQL) stops working within this.
     * A revoke through this store clears the cache at once.
     */
    static final long RECHECK_NANOS = 5_000_000_000L;

    /** A token verified against the store at {@code checkedAt} (of {@link #nanos}). */
    private record Verified(ApiKey key, long checkedAt) {
    }

    private final Database db;
    private final long recheckNanos;
    /** The monotonic clock of the cache: System::nanoTime, or a test's own. */
    private final LongSupplier nanos;
    /** Verified tokens by their hash (a cache that saves a query and a salted hash per request). */
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    public KeyStore(Database db) {
        this(db, RECHECK_NANOS, System::nanoTime);
    }

    /** With another re-check interval and clock (tests: a clock they move, so no pause of theirs can expire the cache). */
    KeyStore(Database db, long recheckNanos, LongSupplier nanos) {
        this.db = db;
        this.recheckNanos = recheckNanos;
        this.nanos = nanos;
    }

    public Created create(String name, Role role) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("a key needs a name of 1 to 200 characters");
        }
        String id = HEX.formatHex(bytes(8));
        String secret = HEX.formatHex(bytes(32));
        String salt = HEX.formatHex(bytes(16));
        long now = System.currentTimeMillis();
        db.inTransaction("keys.create", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO api_keys (id, name, role, salt, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, id);
                s.setString(2, name);
                s.setString(3, role.id());
                s.setString(4, salt);
                s.setString(5, hash(salt, secret));
                s.setLong(6, now);
                s.executeUpdate();
            }
            return null;
        });
        return new Created(new ApiKey(id, name, role, now, null), "sk_" + id + "_" + secret);
    }

    public List<ApiKey> list() {
        return db.read("keys.list", c -> {
            List<ApiKey> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, name, role, created_at, revoked_at FROM api_keys ORDER BY created_at, id");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(row(r));
                }
            }
            return out;
        });
    }

    /** Revokes the key with this id (or its full token); false when there is no such active key. */
    public boolean revoke(String idOrToken) {
        String id = idOrToken.startsWith("sk_") ? idPart(idOrToken) : idOrToken;
        if (id == null) {
            return false;
        }
        boolean done = db.inTransaction("keys.revoke", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                s.setLong(1, System.currentTimeMillis());
                s.setString(2, id);
                return s.executeUpdate() == 1;
            }
        });
        verified.clear();
        return done;
    }

    /** The key with this id while it is active (not revoked), or empty: a dashboard session lives only that long. */
    public Optional<ApiKey> activeById(String id) {
        return db.read("keys.by_id", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, name, role, created_at, revoked_at FROM api_keys WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.<ApiKey>empty();
                    }
                    ApiKey key = row(r);
                    return key.active() ? Optional.of(key) : Optional.<ApiKey>empty();
                }
            }
        });
    }

    /** The active key a bearer token belongs to, or empty (unknown, malformed, revoked or wrong secret). */
    public Optional<ApiKey> authenticate(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String cacheKey = sha256(token);
        Verified cached = verified.get(cacheKey);
        long now = nanos.getAsLong();
        if (cached != null && now - cached.checkedAt() < recheckNanos) {
            return Optional.of(cached.key());
        }
        String id = idPart(token);
        if (id == null) {
            return Optional.empty();
        }
        String secret = token.substring(3 + id.length() + 1);
        Optional<ApiKey> found = db.read("keys.authenticate", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, name, role, created_at, revoked_at, salt, secret_hash FROM api_keys WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.<ApiKey>empty();
                    }
                    ApiKey key = row(r);
                    boolean match = MessageDigest.isEqual(
                            hash(r.getString("salt"), secret).getBytes(StandardCharsets.US_ASCII),
                            r.getString("secret_hash").getBytes(StandardCharsets.US_ASCII));
                    return match && key.active() ? Optional.of(key) : Optional.<ApiKey>empty();
                }
            }
        });
        if (found.isPresent()) {
            verified.put(cacheKey, new Verified(found.get(), now));
        } else {
            verified.remove(cacheKey);
        }
        return found;
    }

    /** The id segment of {@code sk_ID_SECRET}, or null when the token does not have that form. */
    private static String idPart(String token) {
        if (!token.startsWith("sk_")) {
            return null;
        }
        int sep = token.indexOf('_', 3);
        if (sep != 3 + 16 || token.length() != sep + 1 + 64) {
            return null;
        }
        return token.substring(3, sep);
    }

    private static ApiKey row(ResultSet r) throws java.sql.SQLException {
        long revoked = r.getLong("revoked_at");
        Long revokedAt = r.wasNull() ? null : revoked;
        return new ApiKey(r.getString("id"), r.getString("name"), Role.parse(r.getString("role")),
                r.getLong("created_at"), revokedAt);
    }

    static String hash(String salt, String secret) {
        return sha256(salt + ":" + secret);
    }

    private static String sha256(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
