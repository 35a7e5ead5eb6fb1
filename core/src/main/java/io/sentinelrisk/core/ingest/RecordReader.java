package io.sentinelrisk.core.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.io.Timestamps;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON records (one object, an array of objects, or JSON Lines) as a {@link Frame} with a
 * model's columns, so that they are scored by the same pipeline as CSV. Fields the model does not
 * know are ignored; missing fields and nulls are missing values (imputed by the pipeline); a
 * field of the wrong type is an error naming the record, the field and what was expected.
 */
public final class RecordReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecordReader() {
    }

    /** Parses records from text: one JSON object, a JSON array of objects, or one object per line. */
    public static List<JsonNode> parse(String text, String source) {
        List<JsonNode> out = new ArrayList<>();
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    out.add(object(p, source, out.size() + 1));
                }
                if (p.nextToken() != null) {
                    throw new InputException(location(p, source), "unexpected content after the array of records");
                }
            } else {
                while (t != null) {
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
        return out;
    }

    private static JsonNode object(JsonParser p, String source, int record) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new InputException(location(p, source), "record " + record + ": expected a JSON object, found " + p.currentToken());
        }
        return MAPPER.readTree(p);
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
            if (x == null || x.isNull()) {
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

    /** The finite number or boolean written in {@code text}, or NaN. */
    private static double numberText(String text) {
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
            codes[r] = x == null || x.isNull() ? -1 : dict.computeIfAbsent(x.isTextual() ? x.asText() : x.toString(), k -> dict.size());
        }
        return new Column.Categorical(f.name(), codes, new ArrayList<>(dict.keySet()));
    }

    private static Column timestamp(List<JsonNode> records, Field f, String source) {
        long[] v = new long[records.size()];
        for (int r = 0; r < v.length; r++) {
            JsonNode x = records.get(r).get(f.name());
            if (x == null || x.isNull()) {
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
                + "': expected " + expected + ", found " + found);
    }
}
