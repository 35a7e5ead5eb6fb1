package io.sentinelrisk.core.config;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;

/** A config file or flag that is not valid: unknown key, wrong type, value out of range. */
public class ConfigException extends InputException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(InputLocation location, String message) {
        super(location, message);
    }
}
