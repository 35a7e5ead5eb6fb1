package io.sentinelrisk.server.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.drift.ColumnProfile;
import io.sentinelrisk.core.drift.TrainingProfile;
import io.sentinelrisk.core.pipeline.ScoredRecord;
import io.sentinelrisk.core.prepare.ColumnPrep;
import io.sentinelrisk.server.store.EventInputStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model inputs the training profile describes, as stored per event in {@code event_inputs}:
 * one JSON array per event in the profile's column order, holding a number (timestamps as their
 * hour of day, as the profile keeps them), a category's text, or null when missing. Read back,
 * the arrays become a frame of the profiled columns for {@link io.sentinelrisk.core.drift.DriftWindow}.
 */
public final class ProfiledInputs {
    /**
     * Most events of one request whose inputs are kept, evenly spaced: writing every event's
     * inputs made a batch of 1,000 events about half again as slow to ingest; a sample of 100
     * describes a distribution as well for the drift statistics.
     */
    public static final int MAX_PER_REQUEST = 100;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProfiledInputs() {
    }

    /**
     * The rows to store for the scored block {@code frame} (at most {@link #MAX_PER_REQUEST}, every
     * k-th event); none when the model keeps no profile.
     */
    public static List<EventInputStore.Row> rows(TrainingProfile profile, String modelVersion, Frame frame,
                                                 List<ScoredRecord> scored, String source, long now) {
        if (profile == null || frame.rows() == 0) {
            return List.of();
        }
        List<ColumnProfile> columns = profile.columns();
        int[] at = new int[columns.size()];
        for (int k = 0; k < at.length; k++) {
            at[k] = frame.schema().indexOf(columns.get(k).column());
        }
        int stride = (frame.rows() + MAX_PER_REQUEST - 1) / MAX_PER_REQUEST;
        List<EventInputStore.Row> out = new ArrayList<>(Math.min(frame.rows(), MAX_PER_REQUEST));
        for (int r = 0; r < frame.rows(); r += stride) {
            ArrayNode values = JsonNodeFactory.instance.arrayNode(at.length);
            for (int k = 0; k < at.length; k++) {
                add(values, columns.get(k), at[k] < 0 ? null : frame.column(at[k]), r);
            }
            out.add(new EventInputStore.Row(source, modelVersion, now, scored.get(r).score(), values.toString()));
        }
        return out;
    }

    private static void add(ArrayNode values, ColumnProfile p, Column column, int row) {
        if (column == null || column.isMissing(row)) {
            values.addNull();
            return;
        }
        if (p instanceof ColumnProfile.Categorical) {
            values.add(column.text(row));
            return;
        }
        double v = switch (column) {
            case Column.Numeric n -> n.values()[row];
            case Column.Timestamp t -> ColumnPrep.TimeOfWeek.hourOfDay(t.epochMillis()[row]);
            case Column.Categorical c -> Double.NaN;   // a number in training, text now: counted as missing
        };
        if (Double.isFinite(v)) {
            values.add(v);
        } else {
            values.addNull();
        }
    }

    /** Stored rows read back: a frame of the profiled columns (numbers and categories) and the raw scores. */
    public record Decoded(Frame frame, double[] scores) {
    }

    public static Decoded decode(TrainingProfile profile, List<EventInputStore.Row> rows) {
        List<ColumnProfile> columns = profile.columns();
        int n = rows.size();
        double[][] numbers = new double[columns.size()][];
        int[][] codes = new int[columns.size()][];
        List<Map<String, Integer>> dictionaries = new ArrayList<>();
        for (int k = 0; k < columns.size(); k++) {
            if (columns.get(k) instanceof ColumnProfile.Categorical) {
                codes[k] = new int[n];
            } else {
                numbers[k] = new double[n];
            }
            dictionaries.add(new HashMap<>());
        }
        double[] scores = new double[n];
        for (int r = 0; r < n; r++) {
            JsonNode values = parse(rows.get(r).values());
            scores[r] = rows.get(r).score();
            for (int k = 0; k < columns.size(); k++) {
                JsonNode v = values.size() == columns.size() ? values.get(k) : null;
                boolean missing = v == null || v.isNull();
                if (codes[k] != null) {
                    Map<String, Integer> dict = dictionaries.get(k);
                    codes[k][r] = missing ? -1 : dict.computeIfAbsent(v.asText(), x -> dict.size());
                } else {
                    numbers[k][r] = missing || !v.isNumber() ? Double.NaN : v.asDouble();
                }
            }
        }
        List<Field> fields = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        for (int k = 0; k < columns.size(); k++) {
            String name = columns.get(k).column();
            if (codes[k] != null) {
                String[] dict = new String[dictionaries.get(k).size()];
                dictionaries.get(k).forEach((text, code) -> dict[code] = text);
                fields.add(new Field(name, ColumnType.CATEGORICAL, ColumnRole.FEATURE));
                cols.add(new Column.Categorical(name, codes[k], List.of(dict)));
            } else {
                fields.add(new Field(name, ColumnType.NUMERIC, ColumnRole.FEATURE));
                cols.add(new Column.Numeric(name, numbers[k]));
            }
        }
        return new Decoded(new Frame(new Schema(fields), cols), scores);
    }

    private static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event inputs are not JSON", e);
        }
    }
}
