package io.sentinelrisk.core.config;

import io.sentinelrisk.core.error.InputLocation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML or JSON document (read by {@link LocatedYaml}) as plain data (maps, lists, strings,
 * numbers, booleans, null), remembering where each key was written so that errors can point at it.
 */
public final class LocatedTree {
    private final Object root;
    private final Map<String, InputLocation> locations;
    private final String file;

    private LocatedTree(Object root, Map<String, InputLocation> locations, String file) {
        this.root = root;
        this.locations = locations;
        this.file = file;
    }

    /** Reads a .yaml/.yml (YAML) or any other (JSON, then YAML as a fallback) file. */
    public static LocatedTree read(Path path) {
        return of(LocatedYaml.read(path), path.toString());
    }

    /** Parses text as JSON ({@code json}) or YAML. */
    public static LocatedTree parse(String text, String file, boolean json) {
        return of(LocatedYaml.parse(text, file, json), file);
    }

    /** A tree read by {@link LocatedYaml} as plain data, keeping where each key (as a dotted path) was written. */
    public static LocatedTree of(YamlNode node, String file) {
        Map<String, InputLocation> locations = new HashMap<>();
        return new LocatedTree(plain(node, "", locations), locations, file);
    }

    private static Object plain(YamlNode node, String path, Map<String, InputLocation> locations) {
        return switch (node) {
            case YamlNode.Mapping m -> {
                Map<String, Object> map = new LinkedHashMap<>();
                m.entries().forEach((key, value) -> {
                    String keyPath = path.isEmpty() ? key : path + "." + key;
                    locations.put(keyPath, m.keys().get(key));
                    map.put(key, plain(value, keyPath, locations));
                });
                yield map;
            }
            case YamlNode.Sequence s -> {
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < s.items().size(); i++) {
                    list.add(plain(s.items().get(i), path + "[" + i + "]", locations));
                }
                yield list;
            }
            case YamlNode.Scalar sc -> sc.value();
        };
    }

    public Object root() {
        return root;
    }

    /** The document as a mapping; a ConfigException if it is something else. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> rootMap() {
        if (root instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new ConfigException(InputLocation.file(file), "expected a mapping of keys to values at the top level");
    }

    /** Where the key at this dotted path was written, or the file alone. */
    public InputLocation locate(String keyPath) {
        InputLocation l = locations.get(keyPath);
        return l != null ? l : InputLocation.file(file);
    }

    public String file() {
        return file;
    }
}
