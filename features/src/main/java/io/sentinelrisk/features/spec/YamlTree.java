package io.sentinelrisk.features.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as plain data (maps, lists, scalar text) that remembers where every node was
 * written, so that spec errors can name {@code file:line:column}. Read with Jackson's YAML
 * parser as data only: no tags, no object construction.
 */
public sealed interface YamlTree {
    InputLocation location();

    record YMap(Map<String, YamlTree> entries, Map<String, InputLocation> keys, InputLocation location) implements YamlTree {
    }

    record YList(List<YamlTree> items, InputLocation location) implements YamlTree {
    }

    /** A scalar; {@code text} is null for YAML null (~ or nothing). */
    record YScalar(String text, InputLocation location) implements YamlTree {
    }

    YAMLFactory FACTORY = YAMLFactory.builder().build();

    static YamlTree parse(String yaml, String origin) {
        try (JsonParser p = FACTORY.createParser(yaml)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new YMap(Map.of(), Map.of(), InputLocation.file(origin));
            }
            YamlTree tree = read(p, origin);
            return tree;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            InputLocation at = l == null ? InputLocation.file(origin) : new InputLocation(origin, l.getLineNr(), l.getColumnNr());
            throw new InputException(at, "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new InputException(InputLocation.file(origin), "cannot read: " + e.getMessage());
        }
    }

    private static YamlTree read(JsonParser p, String origin) throws IOException {
        InputLocation at = loc(p, origin);
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlTree> entries = new LinkedHashMap<>();
                Map<String, InputLocation> keys = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    InputLocation keyAt = loc(p, origin);
                    if (entries.containsKey(key)) {
                        throw new InputException(keyAt, "key '" + key + "' appears twice");
                    }
                    p.nextToken();
                    entries.put(key, read(p, origin));
                    keys.put(key, keyAt);
                }
                return new YMap(entries, keys, at);
            }
            case START_ARRAY -> {
                List<YamlTree> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, origin));
                }
                return new YList(items, at);
            }
            case VALUE_NULL -> {
                return new YScalar(null, at);
            }
            default -> {
                return new YScalar(p.getText(), at);
            }
        }
    }

    private static InputLocation loc(JsonParser p, String origin) {
        JsonLocation l = p.currentTokenLocation();
        return new InputLocation(origin, Math.max(0, l.getLineNr()), Math.max(0, l.getColumnNr()));
    }
}
