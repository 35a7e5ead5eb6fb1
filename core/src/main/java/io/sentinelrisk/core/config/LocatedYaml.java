package io.sentinelrisk.core.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sentinelrisk.core.error.InputLocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The product's one YAML/JSON reader: a document becomes {@link YamlNode}s, each with its line and
 * column. Jackson's streaming parser reads it as data only: no tags are honoured, nothing is
 * instantiated. Every error is a {@link ConfigException} at the place it was found.
 */
public final class LocatedYaml {
    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final JsonFactory JSON = new JsonFactory();

    private final String source;

    private LocatedYaml(String source) {
        this.source = source;
    }

    /** Reads a .yaml/.yml (YAML) or any other (JSON when it looks like JSON, else YAML) UTF-8 file. */
    public static YamlNode read(Path path) {
        String name = path.toString();
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new ConfigException(InputLocation.file(name), "no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ConfigException(InputLocation.file(name), "not valid UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(InputLocation.file(name), "cannot read: " + e.getMessage());
        }
        boolean json = name.endsWith(".json") || text.stripLeading().startsWith("{");
        return parse(text, name, json);
    }

    /**
     * Parses {@code text} as JSON ({@code json}) or YAML; {@code source} names it in locations. An
     * empty document is an empty mapping.
     */
    public static YamlNode parse(String text, String source, boolean json) {
        LocatedYaml r = new LocatedYaml(source);
        try (JsonParser p = (json ? JSON : YAML).createParser(text)) {
            if (p.nextToken() == null) {
                return new YamlNode.Mapping(Map.of(), Map.of(), InputLocation.file(source));
            }
            YamlNode root = r.value(p);
            if (p.nextToken() != null) {
                throw new ConfigException(r.location(p), "unexpected content after the document");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            InputLocation at = l == null ? InputLocation.file(source)
                    : new InputLocation(source, Math.max(0, l.getLineNr()), Math.max(0, l.getColumnNr()));
            throw new ConfigException(at, "not valid " + (json ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ConfigException(InputLocation.file(source), "cannot read: " + e.getMessage());
        }
    }

    private YamlNode value(JsonParser p) throws IOException {
        InputLocation at = location(p);
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                Map<String, InputLocation> keys = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    InputLocation keyAt = location(p);
                    if (entries.containsKey(key)) {
                        throw new ConfigException(keyAt, "key '" + key + "' appears twice in the same mapping");
                    }
                    p.nextToken();
                    entries.put(key, value(p));
                    keys.put(key, keyAt);
                }
                return new YamlNode.Mapping(entries, keys, at);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(p));
                }
                return new YamlNode.Sequence(items, at);
            }
            case VALUE_STRING -> {
                return new YamlNode.Scalar(p.getText(), p.getText(), at);
            }
            case VALUE_NUMBER_INT -> {
                Object v = switch (p.getNumberType()) {
                    case INT -> p.getIntValue();
                    case LONG -> p.getLongValue();
                    default -> p.getDoubleValue(); // beyond a long: kept as a (rounded) number
                };
                return new YamlNode.Scalar(v, p.getText(), at);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new YamlNode.Scalar(p.getDoubleValue(), p.getText(), at);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode.Scalar(t == JsonToken.VALUE_TRUE, p.getText(), at);
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(null, null, at);
            }
            default -> throw new ConfigException(at, "unexpected content (" + t + ")");
        }
    }

    private InputLocation location(JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return new InputLocation(source, Math.max(0, l.getLineNr()), Math.max(0, l.getColumnNr()));
    }
}
