package io.sentinelrisk.server.web;

import io.sentinelrisk.server.auth.ApiKey;
import io.sentinelrisk.server.auth.Role;

/**
 * A signed-in browser: the key it signed in with (id, name and role, never the secret) and the
 * CSRF token its forms and htmx requests must send back.
 *
 * @param id        random session id (the cookie's value)
 * @param keyId     id of the API key the user pasted
 * @param keyName   the key's name (shown, and the author of feedback)
 * @param role      the key's role when signing in
 * @param csrf      random token every POST must carry
 * @param createdAt epoch milliseconds
 */
public record WebSession(String id, String keyId, String keyName, Role role, String csrf, long createdAt) {
    /** The key as the Api methods expect the caller (for feedback authors). */
    public ApiKey key() {
        return new ApiKey(keyId, keyName, role, createdAt, null);
    }

    public boolean admin() {
        return role == Role.ADMIN;
    }
}
