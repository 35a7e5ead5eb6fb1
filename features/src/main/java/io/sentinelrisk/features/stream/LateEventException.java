package io.sentinelrisk.features.stream;

import io.sentinelrisk.core.error.InputException;

/**
 * An event older than its entity's latest one. The streaming engine needs each entity's events in
 * time order (ties in any order); computing a late event against state that already holds later
 * events would leak the future into it.
 */
public final class LateEventException extends InputException {
    public LateEventException(String message) {
        super(message);
    }
}
