package io.sentinelrisk.features.spec;

import io.sentinelrisk.core.error.InputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The feature packs shipped with the product, as YAML resources of this module. */
public final class Packs {
    /** Pack names, in the order they are listed to users. */
    public static final List<String> NAMES = List.of("soc", "web-session", "transactions", "metrics");

    private Packs() {
    }

    /** The pack's YAML text. */
    public static String yaml(String name) {
        if (!NAMES.contains(name)) {
            throw new InputException("unknown feature pack '" + name + "'; the packs are: " + String.join(", ", NAMES));
        }
        String resource = "/io/sentinelrisk/features/packs/" + name + ".yaml";
        try (InputStream in = Packs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + resource, e);
        }
    }

    /** The pack as a spec. */
    public static FeatureSpec load(String name) {
        return SpecReader.read(yaml(name), "pack:" + name);
    }
}
