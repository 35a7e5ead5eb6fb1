package io.sentinelrisk.server.web;

import io.sentinelrisk.server.auth.Role;

/**
 * The dashboard's navigation, in order: label, path and the role a user needs to see the entry.
 * A page passes its entry to {@link PageContext#of} so the layout marks it as the current one.
 * Hiding an entry is only for the eye: {@link PageGate} checks the role of every request.
 */
public enum Nav {
    FEED("Feed", "/feed", Role.ANALYST),
    ALERT("Alert", "/alerts", Role.ANALYST),
    DISTRIBUTIONS("Distributions", "/distributions", Role.ANALYST),
    BUSINESS("Business", "/business", Role.ANALYST),
    MODEL("Model", "/model", Role.ANALYST),
    ENTITIES("Entities", "/entities", Role.ANALYST),
    ADMIN("Admin", "/admin", Role.ADMIN);

    private final String label;
    private final String path;
    private final Role role;

    Nav(String label, String path, Role role) {
        this.label = label;
        this.path = path;
        this.role = role;
    }

    public String label() {
        return label;
    }

    public String path() {
        return path;
    }

    public Role role() {
        return role;
    }
}
