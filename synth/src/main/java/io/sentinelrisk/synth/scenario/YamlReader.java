package io.sentinelrisk.synth.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.error.InputLocation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML into {@link YamlNode}s through Jackson's streaming parser: plain data only (no tags
 * are honoured, nothing is instantiated), each value tagged with its line and column.
 */
final class YamlReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final String source;

    private YamlReader(String source) {
        this.source = source;
    }

    /** Parses {@code text}; {@code source} names it in error messages. */
    static YamlNode read(String text, String source) {
        YamlReader r = new YamlReader(source);
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new ConfigException(InputLocation.file(source), "the file is empty; expected a mapping with 'scenarios'");
            }
            return r.value(p);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            InputLocation where = l == null ? InputLocation.file(source) : new InputLocation(source, l.getLineNr(), l.getColumnNr());
            throw new ConfigException(where, "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
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
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    InputLocation keyAt = location(p);
                    p.nextToken();
                    if (entries.put(key, value(p)) != null) {
                        throw new ConfigException(keyAt, "key '" + key + "' appears twice in the same mapping");
                    }
                }
                return new YamlNode.Mapping(entries, at);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(p));
                }
                return new YamlNode.Sequence(items, at);
            }
            case VALUE_STRING -> {
                return new YamlNode.Scalar(p.getText(), at);
            }
            case VALUE_NUMBER_INT -> {
                return new YamlNode.Scalar(p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? (Object) p.getDoubleValue() : (Object) p.getLongValue(), at);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new YamlNode.Scalar(p.getDoubleValue(), at);
            }
            case VALUE_TRUE -> {
                return new YamlNode.Scalar(Boolean.TRUE, at);
            }
            case VALUE_FALSE -> {
                return new YamlNode.Scalar(Boolean.FALSE, at);
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(null, at);
            }
            default -> throw new ConfigException(at, "unexpected YAML content (" + t + ")");
        }
    }

    private InputLocation location(JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return new InputLocation(source, l.getLineNr(), l.getColumnNr());
    }
}
