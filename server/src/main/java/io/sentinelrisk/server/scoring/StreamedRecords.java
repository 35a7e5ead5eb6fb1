package io.sentinelrisk.server.scoring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.ingest.RecordReader;
import io.sentinelrisk.core.io.Timestamps;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of a {@code POST /v1/score} body read with Jackson's streaming parser straight into
 * the model's primitive columns: no JSON tree, no map per record. The frame is exactly the one the
 * tree path ({@link RecordBatch#forScoring} then {@link RecordScoring#records}) builds from the
 * same body. Only well-formed, valid bodies are read this way: anything the tree path would
 * refuse or treat specially (malformed JSON, an unknown field, a nested value, a wrong type, an
 * empty or oversized batch, a number that is not a plain integer in a text column…) gives null,
 * and the caller takes the tree path, which answers with its exact error or frame.
 */
public final class StreamedRecords {
    /**
     * Duplicate keys are errors, as for the tree path's parser (which then names them): found by
     * {@link Builder#record} from the names' indexes, not by the parser's own detection, which
     * kept a hash set per record (a sixth of the bytes this route allocated).
     */
    private static final JsonFactory FACTORY = new JsonFactory();

    private StreamedRecords() {
    }

    /** A body read into columns: the raw frame the model reads, whether it was one object, and its records. */
    public record Read(Frame frame, boolean single, int rows) {
    }

    /**
     * Reads {@code body} for {@code model}, or null when the tree path must read it.
     *
     * @param limit most records in a batch
     */
    public static Read read(byte[] body, ActiveModel model, int limit) {
        Schema input = model.pipeline().inputSchema();
        boolean stateful = model.events().stage().isPresent();
        // the columns the tree path builds: feature and id columns, in schema order (a feature
        // plan may read a column the model ignores: read as an id, as EventScorer does)
        List<Field> columns = new ArrayList<>();
        for (Field f : input.fields()) {
            ColumnRole role = stateful && f.role() == ColumnRole.IGNORE ? ColumnRole.ID : f.role();
            if (role == ColumnRole.FEATURE || role == ColumnRole.ID) {
                columns.add(f);
            }
        }
        // each name the model knows by its index; the column it is read into, or -1 when none
        Map<String, Integer> slot = new HashMap<>();
        int[] column = new int[input.names().size()];
        for (String name : input.names()) {
            column[slot.size()] = -1;
            slot.put(name, slot.size());
        }
        for (int c = 0; c < columns.size(); c++) {
            column[slot.get(columns.get(c).name())] = c;
        }
        Builder b = new Builder(columns, column);
        try (JsonParser p = FACTORY.createParser(body)) {
            JsonToken t = p.nextToken();
            boolean single = t == JsonToken.START_OBJECT;
            if (single) {
                if (!b.record(p, slot)) {
                    return null;
                }
            } else if (t == JsonToken.START_ARRAY) {
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t != JsonToken.START_OBJECT || b.rows == limit || !b.record(p, slot)) {
                        return null;
                    }
                }
                if (b.rows == 0) {
                    return null;
                }
            } else {
                return null;
            }
            if (p.nextToken() != null) {
                return null;
            }
            return new Read(b.frame(input), single, b.rows);
        } catch (IOException | RuntimeException e) {
            return null;   // malformed, duplicate keys, numbers out of range: the tree path names the problem
        }
    }

    /** Growing primitive columns, one value per record. */
    private static final class Builder {
        private final List<Field> fields;
        private final double[][] nums;
        private final long[][] times;
        private final int[][] codes;
        private final List<Map<String, Integer>> dicts = new ArrayList<>();
        private final boolean[] seen;
        /** Per name index: the column it is read into (-1: none), and whether this record named it. */
        private final int[] column;
        private final boolean[] named;
        private int rows;
        private int capacity = 16;

        Builder(List<Field> fields, int[] column) {
            this.fields = fields;
            this.column = column;
            this.named = new boolean[column.length];
            int n = fields.size();
            nums = new double[n][];
            times = new long[n][];
            codes = new int[n][];
            seen = new boolean[n];
            for (int c = 0; c < n; c++) {
                switch (fields.get(c).type()) {
                    case NUMERIC, BOOLEAN -> nums[c] = new double[capacity];
                    case TIMESTAMP -> times[c] = new long[capacity];
                    case CATEGORICAL -> codes[c] = new int[capacity];
                }
                dicts.add(new LinkedHashMap<>());
            }
        }

        /** Reads one object (the parser on its START_OBJECT); false when the tree path must read the body. */
        boolean record(JsonParser p, Map<String, Integer> slot) throws IOException {
            if (rows == capacity) {
                grow();
            }
            Arrays.fill(seen, false);
            Arrays.fill(named, false);
            boolean usable = false;
            int r = rows;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                Integer name = slot.get(p.currentName());
                JsonToken v = p.nextToken();
                if (name == null || v.isStructStart() || named[name]) {
                    return false;   // unknown field, a nested value or a duplicate key: the tree path names it
                }
                named[name] = true;
                usable |= v != JsonToken.VALUE_NULL;
                int c = column[name];
                if (c >= 0) {
                    seen[c] = true;
                    if (!value(c, r, p, v)) {
                        return false;
                    }
                }
            }
            if (!usable) {
                return false;
            }
            for (int c = 0; c < seen.length; c++) {
                if (!seen[c]) {
                    missing(c, r);
                }
            }
            rows++;
            return true;
        }

        private void missing(int c, int r) {
            switch (fields.get(c).type()) {
                case NUMERIC, BOOLEAN -> nums[c][r] = Double.NaN;
                case TIMESTAMP -> times[c][r] = Column.Timestamp.MISSING;
                case CATEGORICAL -> codes[c][r] = -1;
            }
        }

        /** One value, as RecordReader reads the same JSON value; false where it would refuse it or differ. */
        private boolean value(int c, int r, JsonParser p, JsonToken v) throws IOException {
            if (v == JsonToken.VALUE_NULL || (v == JsonToken.VALUE_STRING && p.getText().isBlank())) {
                missing(c, r);
                return true;
            }
            switch (fields.get(c).type()) {
                case NUMERIC, BOOLEAN -> {
                    double x;
                    if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                        x = p.getDoubleValue();
                    } else if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
                        x = v == JsonToken.VALUE_TRUE ? 1 : 0;
                    } else {
                        x = RecordReader.numberText(p.getText());
                    }
                    if (!Double.isFinite(x)) {
                        return false;
                    }
                    nums[c][r] = x;
                }
                case TIMESTAMP -> {
                    long ms;
                    if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                        ms = p.getLongValue();
                    } else if (v == JsonToken.VALUE_STRING) {
                        ms = Timestamps.parse(p.getText());
                        if (ms == Column.Timestamp.MISSING) {
                            return false;
                        }
                    } else {
                        return false;
                    }
                    times[c][r] = ms;
                }
                case CATEGORICAL -> {
                    String text;
                    if (v == JsonToken.VALUE_STRING) {
                        text = p.getText();
                    } else if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
                        text = v == JsonToken.VALUE_TRUE ? "true" : "false";
                    } else if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                        text = Long.toString(p.getLongValue());   // as an int or long node prints
                    } else {
                        return false;   // a fraction or a huge integer: the tree's own rendering decides
                    }
                    Map<String, Integer> dict = dicts.get(c);
                    codes[c][r] = dict.computeIfAbsent(text, k -> dict.size());
                }
            }
            return true;
        }

        private void grow() {
            capacity *= 2;
            for (int c = 0; c < fields.size(); c++) {
                if (nums[c] != null) {
                    nums[c] = Arrays.copyOf(nums[c], capacity);
                }
                if (times[c] != null) {
                    times[c] = Arrays.copyOf(times[c], capacity);
                }
                if (codes[c] != null) {
                    codes[c] = Arrays.copyOf(codes[c], capacity);
                }
            }
        }

        /** The frame, its fields with the roles the model was trained with, as the tree path gives it. */
        Frame frame(Schema input) {
            List<Column> cols = new ArrayList<>(fields.size());
            List<Field> roles = new ArrayList<>(fields.size());
            for (int c = 0; c < fields.size(); c++) {
                Field f = fields.get(c);
                cols.add(switch (f.type()) {
                    case NUMERIC, BOOLEAN -> new Column.Numeric(f.name(), Arrays.copyOf(nums[c], rows));
                    case TIMESTAMP -> new Column.Timestamp(f.name(), Arrays.copyOf(times[c], rows));
                    case CATEGORICAL -> new Column.Categorical(f.name(), Arrays.copyOf(codes[c], rows),
                            new ArrayList<>(dicts.get(c).keySet()));
                });
                roles.add(input.field(input.indexOf(f.name())));
            }
            return new Frame(new Schema(roles), cols);
        }
    }
}
