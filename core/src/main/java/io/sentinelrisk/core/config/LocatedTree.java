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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML or JSON document read as plain data (maps, lists, strings, numbers, booleans, null),
 * remembering where each key was written so that errors can point at it. YAML is read by
 * Jackson's YAML parser as data only: no tags, no object construction.
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

    /** Parses text as JSON ({@code json}) or YAML. */
    public static LocatedTree parse(String text, String file, boolean json) {
        JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
        Map<String, InputLocation> locations = new HashMap<>();
        try (JsonParser p = factory.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new LocatedTree(new LinkedHashMap<String, Object>(), locations, file);
            }
            Object root = readValue(p, "", locations, file);
            if (p.nextToken() != null) {
                throw new ConfigException(loc(p.currentLocation(), file), "unexpected content after the document");
            }
            return new LocatedTree(root, locations, file);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage();
            int nl = msg.indexOf('\n');
            throw new ConfigException(l == null ? InputLocation.file(file) : loc(l, file),
                    "not valid " + (json ? "JSON" : "YAML") + ": " + (nl > 0 ? msg.substring(0, nl) : msg));
        } catch (IOException e) {
            throw new ConfigException(InputLocation.file(file), "cannot read: " + e.getMessage());
        }
    }

    private static Object readValue(JsonParser p, String path, Map<String, InputLocation> locations, String file)
            throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    String keyPath = path.isEmpty() ? key : path + "." + key;
                    InputLocation at = loc(p.currentTokenLocation(), file);
                    if (map.containsKey(key)) {
                        throw new ConfigException(at, "key '" + keyPath + "' is given twice");
                    }
                    locations.put(keyPath, at);
                    p.nextToken();
                    map.put(key, readValue(p, keyPath, locations, file));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p, path + "[" + i++ + "]", locations, file));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberValue() instanceof Integer i ? i : p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new ConfigException(loc(p.currentTokenLocation(), file), "unexpected " + t);
        }
    }

    private static InputLocation loc(JsonLocation l, String file) {
        return new InputLocation(file, Math.max(0, l.getLineNr()), Math.max(0, l.getColumnNr()));
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
