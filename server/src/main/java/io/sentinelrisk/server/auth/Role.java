package io.sentinelrisk.server.auth;

import java.util.Locale;

/**
 * What an API key may do. Each route names the one role it needs; {@code admin} may do
 * everything, the others only their own routes.
 */
public enum Role {
    /** Sends events and records to score. */
    INGEST,
    /** Reads alerts, entities, incidents and feedback; sets alert status; gives feedback. */
    ANALYST,
    /** Manages models and keys; may also do what the other roles do. */
    ADMIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when a key of this role may call a route that needs {@code needed}. */
    public boolean allows(Role needed) {
        return this == ADMIN || this == needed;
    }

    /** The role named {@code text} (ingest, analyst, admin), or null. */
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.id().equals(text)) {
                return r;
            }
        }
        return null;
    }
}
