package io.sentinelrisk.core.config;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;

/** A config file or flag that is not valid: unknown key, wrong type, value out of range. */
public class ConfigException extends InputException {
    private final String key;

    public ConfigException(String message) {
        this(null, message);
    }

    public ConfigException(InputLocation location, String message) {
        this(location, null, message);
    }

    private ConfigException(InputLocation location, String key, String message) {
        super(location, message);
        this.key = key;
    }

    /**
     * An error about parameter {@code key} raised where the file is not known (e.g. a detector's
     * params record); whoever read the file adds the place the key was written ({@link #at}).
     */
    public static ConfigException forKey(String key, String message) {
        return new ConfigException(null, key, message);
    }

    /** The parameter this error is about, or null when not known. */
    public String key() {
        return key;
    }

    /** This error at {@code location} (null: unknown), with {@code prefix} before the message. */
    public ConfigException at(InputLocation location, String prefix) {
        return new ConfigException(location, key, prefix + getMessage());
    }
}
