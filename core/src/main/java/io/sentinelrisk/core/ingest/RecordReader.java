package io.sentinelrisk.core.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.error.DisplayText;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.io.Timestamps;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON records (one object, an array of objects, or JSON Lines) as a {@link Frame} with a
 * model's columns, so that they are scored by the same pipeline as CSV. Missing fields, nulls and
 * {@code ""} in a numeric, boolean or timestamp field are missing values (imputed by the
 * pipeline), as an empty CSV cell is; numbers and booleans may be given as text ({@code "42"},
 * {@code "true"}); a field of the wrong type is an error naming the record, the field and what
 * was expected. {@link #check} names the fields the model does not know and refuses a record
 * with none of the model's feature columns.
 */
public final class RecordReader {
    /**
     * A plain parser factory and the node factory, not an ObjectMapper: building a mapper and its
     * tree deserializer was a fifth of a one-record {@code predict}'s CPU.
     */
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordReader() {
    }

    /** Records as parsed, with the input line where each starts (1-based). */
    public record Parsed(List<JsonNode> records, long[] lines) {
        public long line(int record) {
            return lines[record];
        }
    }

    /** Parses records from text: one JSON object, a JSON array of objects, or one object per line. */
    public static List<JsonNode> parse(String text, String source) {
        return parseWithLines(text, source).records();
    }

    /** {@link #parse}, keeping the line where each record starts. */
    public static Parsed parseWithLines(String text, String source) {
        List<JsonNode> out = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    lines.add((long) p.currentTokenLocation().getLineNr());
                    out.add(object(p, source, out.size() + 1));
                }
                if (p.nextToken() != null) {
                    throw new InputException(location(p, source), "unexpected content after the array of records");
                }
            } else {
                while (t != null) {
                    lines.add((long) p.currentTokenLocation().getLineNr());
                    out.add(object(p, source, out.size() + 1));
                    t = p.nextToken();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var l = e.getLocation();
            throw new InputException(l == null ? InputLocation.file(source) : new InputLocation(source, l.getLineNr(), l.getColumnNr()),
                    "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new InputException(InputLocation.file(source), "cannot read: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new InputException(InputLocation.file(source), "no records: expected a JSON object, an array of objects or JSON Lines");
        }
        return new Parsed(out, lines.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * Checks records against a model's schema before scoring: returns the fields no column of the
     * schema has (in order of first appearance, for a warning), and refuses (InputException) a
     * record that has none of the schema's feature columns, unless {@code allowMissing}: such a
     * record would be scored on imputed values alone, i.e. as a perfectly ordinary record.
     */
    public static List<String> check(Parsed parsed, Schema schema, String source, boolean allowMissing) {
        List<String> features = new ArrayList<>();
        for (Field f : schema.withRole(ColumnRole.FEATURE)) {
            features.add(f.name());
        }
        return check(parsed, schema, features, source, allowMissing);
    }

    /**
     * {@link #check(Parsed, Schema, String, boolean)} with the columns that make a record usable
     * named explicitly (a bundle with a feature plan also scores from the raw columns its plan
     * reads, such as the entity key and the timestamp).
     */
    public static List<String> check(Parsed parsed, Schema schema, List<String> features, String source, boolean allowMissing) {
        Set<String> known = new HashSet<>(schema.names());
        Set<String> featureSet = new HashSet<>(features);
        Set<String> unknown = new LinkedHashSet<>();
        for (int r = 0; r < parsed.records().size(); r++) {
            JsonNode record = parsed.records().get(r);
            boolean usable = false;
            for (var it = record.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!known.contains(name)) {
                    unknown.add(name);
                } else if (featureSet.contains(name) && !isMissing(record.get(name))) {
                    usable = true;
                }
            }
            if (!usable && !allowMissing && !features.isEmpty()) {
                List<String> found = new ArrayList<>();
                record.fieldNames().forEachRemaining(found::add);
                throw new InputException(InputLocation.line(source, parsed.line(r)), "record " + (r + 1)
                        + " has none of the model's columns (found: " + (found.isEmpty() ? "no field" : shownList(found))
                        + "; expected some of: " + shownList(features) + "); --allow-missing scores it on imputed values");
            }
        }
        return new ArrayList<>(unknown);
    }

    /** Names for a one-line message: all of them up to 20, else the first 20 and how many more. */
    private static String shownList(List<String> names) {
        List<String> shown = new ArrayList<>();
        for (String n : names.subList(0, Math.min(20, names.size()))) {
            shown.add(DisplayText.truncate(n));
        }
        return String.join(", ", shown) + (names.size() > 20 ? " and " + (names.size() - 20) + " more" : "");
    }

    /** Absent, null, or "" (an empty CSV cell): a missing value. */
    private static boolean isMissing(JsonNode x) {
        return x == null || x.isNull() || (x.isTextual() && x.asText().isBlank());
    }

    private static JsonNode object(JsonParser p, String source, int record) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new InputException(location(p, source), "record " + record + ": expected a JSON object, found " + p.currentToken());
        }
        return objectNode(p);
    }

    /**
     * The object the parser is at, as Jackson's tree reader builds it: whole numbers as int, long
     * or big-integer nodes by size, fractions as double nodes, a repeated key's last value wins.
     */
    private static ObjectNode objectNode(JsonParser p) throws IOException {
        ObjectNode out = NODES.objectNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            out.set(name, node(p, p.nextToken()));
        }
        return out;
    }

    private static JsonNode node(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input");
        }
        return switch (t) {
            case START_OBJECT -> objectNode(p);
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(node(p, e));
                }
                yield a;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected " + t);
        };
    }

    private static InputLocation location(JsonParser p, String source) {
        var l = p.currentTokenLocation();
        return new InputLocation(source, l.getLineNr(), l.getColumnNr());
    }

    /** The records as a frame of the schema's feature and id columns. */
    public static Frame toFrame(List<JsonNode> records, Schema schema, String source) {
        int n = records.size();
        List<Field> fields = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (Field f : schema.fields()) {
            if (f.role() != ColumnRole.FEATURE && f.role() != ColumnRole.ID) {
                continue;
            }
            fields.add(f);
            columns.add(switch (f.type()) {
                case NUMERIC, BOOLEAN -> numeric(records, f, source);
                case CATEGORICAL -> categorical(records, f);
                case TIMESTAMP -> timestamp(records, f, source);
            });
        }
        return new Frame(new Schema(fields), columns);
    }

    private static Column numeric(List<JsonNode> records, Field f, String source) {
        double[] v = new double[records.size()];
        for (int r = 0; r < v.length; r++) {
            JsonNode x = records.get(r).get(f.name());
            if (isMissing(x)) {
                v[r] = Double.NaN;
            } else if (x.isNumber() && Double.isFinite(x.asDouble())) {
                v[r] = x.asDouble();
            } else if (x.isBoolean()) {
                v[r] = x.asBoolean() ? 1 : 0;
            } else if (x.isTextual() && !Double.isNaN(numberText(x.asText()))) {
                v[r] = numberText(x.asText());   // forms and CSV-to-JSON tools send numbers as text
            } else {
                throw wrongType(source, r, f, f.type() == io.sentinelrisk.core.data.ColumnType.BOOLEAN ? "true or false" : "a finite number", x);
            }
        }
        return new Column.Numeric(f.name(), v);
    }

    /** The finite number or boolean written in {@code text}, or NaN (also for readers of JSON tokens). */
    public static double numberText(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("true")) {
            return 1;
        }
        if (t.equalsIgnoreCase("false")) {
            return 0;
        }
        try {
            double v = Double.parseDouble(t);
            return Double.isFinite(v) && !t.isEmpty() && Character.isDigit(t.charAt(t.length() - 1)) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Column categorical(List<JsonNode> records, Field f) {
        Map<String, Integer> dict = new LinkedHashMap<>();
        int[] codes = new int[records.size()];
        for (int r = 0; r < codes.length; r++) {
            JsonNode x = records.get(r).get(f.name());
            codes[r] = isMissing(x) ? -1 : dict.computeIfAbsent(x.isTextual() ? x.asText() : x.toString(), k -> dict.size());
        }
        return new Column.Categorical(f.name(), codes, new ArrayList<>(dict.keySet()));
    }

    private static Column timestamp(List<JsonNode> records, Field f, String source) {
        long[] v = new long[records.size()];
        for (int r = 0; r < v.length; r++) {
            JsonNode x = records.get(r).get(f.name());
            if (isMissing(x)) {
                v[r] = Column.Timestamp.MISSING;
            } else if (x.isIntegralNumber()) {
                v[r] = x.asLong();
            } else if (x.isTextual() && Timestamps.parse(x.asText()) != Column.Timestamp.MISSING) {
                v[r] = Timestamps.parse(x.asText());
            } else {
                throw wrongType(source, r, f, "an ISO-8601 timestamp or epoch milliseconds", x);
            }
        }
        return new Column.Timestamp(f.name(), v);
    }

    private static InputException wrongType(String source, int row, Field f, String expected, JsonNode found) {
        return new InputException(InputLocation.file(source), "record " + (row + 1) + ", field '" + f.name()
                + "': expected " + expected + ", found " + DisplayText.truncate(found.toString()));
    }
}
