package io.sentinelrisk.server.auth;

/**
 * A stored API key, without its secret (only the salted hash is stored).
 *
 * @param id        the public part of the key (its first segment), used to find the row
 * @param name      who or what holds it
 * @param role      what it may do
 * @param createdAt epoch milliseconds
 * @param revokedAt epoch milliseconds, or null while the key is valid
 */
public record ApiKey(String id, String name, Role role, long createdAt, Long revokedAt) {
    public boolean active() {
        return revokedAt == null;
    }
}
