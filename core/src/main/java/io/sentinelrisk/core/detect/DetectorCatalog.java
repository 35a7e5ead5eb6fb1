package io.sentinelrisk.core.detect;

import io.sentinelrisk.core.error.InputException;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of detector kinds, looked up by config name. The product's registry lives above
 * {@code detect} (in {@code pipeline}); a detector that needs other detectors (the ensemble)
 * receives a catalog instead of reaching for the registry, so {@code detect} depends on nothing
 * that lists it.
 */
public interface DetectorCatalog {
    /** Every kind, in the order the docs list them. */
    List<DetectorFactory> all();

    default List<String> types() {
        List<String> out = new ArrayList<>();
        for (DetectorFactory f : all()) {
            out.add(f.type());
        }
        return out;
    }

    /** The factory for {@code type}; an InputException naming the valid types otherwise. */
    default DetectorFactory byType(String type) {
        for (DetectorFactory f : all()) {
            if (f.type().equals(type)) {
                return f;
            }
        }
        throw new InputException("unknown detector type '" + type + "'; valid types: " + String.join(", ", types()));
    }
}
