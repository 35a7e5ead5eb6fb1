package io.sentinelrisk.features.scoring;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.error.SentinelException;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.pipeline.FeaturePart;
import io.sentinelrisk.features.plan.FeaturePlan;
import io.sentinelrisk.features.plan.FeaturePlan.Slot;
import io.sentinelrisk.features.plan.Planner;
import io.sentinelrisk.features.spec.FeatureSpec;
import io.sentinelrisk.features.spec.InputType;
import io.sentinelrisk.features.spec.Packs;
import io.sentinelrisk.features.spec.SpecReader;
import io.sentinelrisk.features.stream.EntityStateCodec;
import io.sentinelrisk.features.stream.EventRow;
import io.sentinelrisk.features.stream.LateEventException;
import io.sentinelrisk.features.stream.StreamingFeatures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The live feature stage of a bundle: compiles the bundle's {@link FeaturePart} and adds the
 * point-in-time features to raw events with the streaming engine, keeping every entity's state
 * from call to call. Training, batch scoring and record-at-a-time scoring all go through
 * {@link #enrich}: a batch is sorted by (timestamp, input position) and fed event by event, so a
 * file scored at once and the same events scored one by one in time order get the same features,
 * bit for bit. Not thread-safe (one stage per thread or per key partition, like the engine).
 */
public final class FeatureStage {
    private final FeaturePart part;
    private final FeatureSpec spec;
    private final StreamingFeatures engine;
    private final String planId;
    private final List<String> outputs;

    private FeatureStage(FeaturePart part, long allowedLatenessMs) {
        this.part = part;
        this.spec = SpecReader.read(part.spec(), part.origin());
        FeaturePlan plan = Planner.plan(spec);
        this.engine = new StreamingFeatures(plan, allowedLatenessMs);
        this.planId = sha256(part.spec());
        this.outputs = spec.outputNames();
        if (!outputs.equals(part.featureColumns())) {
            throw new InputException(InputLocation.file(part.origin()), "the bundle's feature plan makes " + outputs
                    + " but its model reads " + part.featureColumns() + "; the bundle is inconsistent");
        }
    }

    /** The stage of a bundle's feature part, with no entity state yet. */
    public static FeatureStage of(FeaturePart part) {
        return new FeatureStage(part, 0);
    }

    /**
     * A stage whose engine keeps idle entities {@code allowedLatenessMs} longer in memory
     * ({@link StreamingFeatures#StreamingFeatures(FeaturePlan, long)}): for streams whose entities
     * run behind one another (several partitions). Features do not depend on it, memory does.
     */
    public static FeatureStage of(FeaturePart part, long allowedLatenessMs) {
        return new FeatureStage(part, allowedLatenessMs);
    }

    /**
     * Compiles a spec (a YAML file, or {@code pack:NAME}) into the part a bundle keeps: its text,
     * the columns it adds, and a description of the plan. Mistakes in the spec are InputExceptions.
     */
    public static FeaturePart compile(String ref) {
        String text;
        if (ref.startsWith("pack:")) {
            text = Packs.yaml(ref.substring("pack:".length()));
        } else {
            try {
                text = Files.readString(Path.of(ref), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new InputException(InputLocation.file(ref), "feature spec not found");
            } catch (IOException e) {
                throw new InputException(InputLocation.file(ref), "cannot read the feature spec: " + e.getMessage());
            }
        }
        FeatureSpec spec = SpecReader.read(text, ref);
        FeaturePlan plan = Planner.plan(spec);
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("engine", "stream");
        description.put("entity", spec.entity());
        description.put("timestamp", spec.timestamp());
        description.put("entity_ttl_ms", plan.ttlMs());
        LinkedHashSet<String> windows = new LinkedHashSet<>();
        for (FeaturePlan.AggSpec a : plan.aggs()) {
            windows.add(a.window().toString());
        }
        description.put("windows", List.copyOf(windows));
        description.put("lateness", StreamingFeatures.LATENESS_RULE);
        return new FeaturePart(ref, text, spec.outputNames(), description);
    }

    public FeaturePart part() {
        return part;
    }

    /** The columns this stage adds, in order. */
    public List<String> featureColumns() {
        return outputs;
    }

    /**
     * The streaming engine behind the stage, e.g. for a stream job that keeps each entity's state
     * in its own keyed state ({@link EntityStateCodec#encodeEntity}).
     */
    public StreamingFeatures engine() {
        return engine;
    }

    /**
     * Identifies the feature plan (a SHA-256 of its spec): state made by one stage continues in
     * any stage with the same plan id, e.g. after a promotion that kept the features.
     */
    public String planId() {
        return planId;
    }

    /**
     * The entity key of each row of {@code raw}, as the engine keys its state (the entity columns'
     * text, joined by {@link StreamingFeatures#KEY_SEPARATOR} when there are several), so that a
     * caller keeping the state elsewhere knows which entities a block will read and move before
     * {@link #enrich} runs. Rows without an entity get "" (enrich refuses them).
     */
    public List<String> entityKeys(Frame raw) {
        FeaturePlan plan = engine.plan();
        int[] slots = plan.entitySlots();
        int[] columns = new int[slots.length];
        for (int i = 0; i < slots.length; i++) {
            columns[i] = raw.schema().indexOf(plan.slots().get(slots[i]).column());
        }
        List<String> keys = new ArrayList<>(raw.rows());
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < raw.rows(); r++) {
            sb.setLength(0);
            for (int i = 0; i < columns.length; i++) {
                if (i > 0) {
                    sb.append(StreamingFeatures.KEY_SEPARATOR);
                }
                int c = columns[i];
                if (c >= 0 && !raw.column(c).isMissing(r)) {
                    String text = raw.text(c, r);
                    sb.append(text == null ? "" : text);
                }
            }
            keys.add(sb.toString());
        }
        return keys;
    }

    /** Entities whose state is held. */
    public int entities() {
        return engine.states().size();
    }

    /**
     * The raw events of {@code raw} with the features appended as numeric feature columns, each
     * event computed against its entity's state, which it then updates. Events are taken in
     * (timestamp, row) order; the result keeps the rows' order.
     *
     * @param lines  the input line of each row, for messages; null to name records by position
     * @param source the file or argument the events came from, for messages
     */
    public Frame enrich(Frame raw, long[] lines, String source) {
        Schema schema = raw.schema();
        for (String f : outputs) {
            if (schema.indexOf(f) >= 0) {
                throw new InputException(InputLocation.file(source), "has a column '" + f
                        + "', a name the feature plan (" + part.origin() + ") computes; rename or drop it");
            }
        }
        FeaturePlan plan = engine.plan();
        int n = raw.rows();
        int[] columnOf = new int[plan.slots().size()];
        for (Slot s : plan.slots()) {
            int c = schema.indexOf(s.column());
            if (c < 0) {
                throw new InputException(InputLocation.file(source), "has no column '" + s.column() + "', "
                        + role(s) + " of the feature plan " + part.origin() + " (its columns: " + String.join(", ", schema.names()) + ")");
            }
            columnOf[s.index()] = c;
        }
        int tsSlot = plan.timestampSlot();
        long[] ts = timestamps(raw, columnOf[tsSlot], plan.slots().get(tsSlot), lines, source);
        int[] order = timeOrder(ts);

        double[][] values = new double[outputs.size()][n];
        EventRow row = engine.newRow();
        double[] out = new double[engine.outputCount()];
        for (int r : order) {
            row.clear();
            row.timestamp(ts[r]);
            for (Slot s : plan.slots()) {
                if (s.index() != tsSlot) {
                    set(row, s, raw, columnOf[s.index()], r, lines, source);
                }
            }
            for (int e : plan.entitySlots()) {
                if (raw.column(columnOf[e]).isMissing(r)) {
                    throw new InputException(where(source, lines, r), "event has no entity: column '"
                            + plan.slots().get(e).column() + "' is empty, and the feature plan keeps its state per entity");
                }
            }
            try {
                engine.process(row, out);
            } catch (LateEventException e) {
                throw new InputException(where(source, lines, r), e.getMessage());
            }
            for (int o = 0; o < out.length; o++) {
                values[o][r] = out[o];
            }
        }
        List<Field> fields = new ArrayList<>(schema.fields());
        List<Column> columns = new ArrayList<>(raw.columns());
        for (int o = 0; o < outputs.size(); o++) {
            fields.add(new Field(outputs.get(o), ColumnType.NUMERIC, ColumnRole.FEATURE));
            columns.add(new Column.Numeric(outputs.get(o), values[o]));
        }
        return new Frame(new Schema(fields), columns);
    }

    /** Row indices in (timestamp, row) order; logs are usually in time order already, then no sort is needed. */
    private static int[] timeOrder(long[] ts) {
        int n = ts.length;
        boolean sorted = true;
        for (int r = 1; r < n && sorted; r++) {
            sorted = ts[r - 1] <= ts[r];
        }
        if (sorted) {
            int[] order = new int[n];
            for (int r = 0; r < n; r++) {
                order[r] = r;
            }
            return order;
        }
        Integer[] boxed = new Integer[n];
        for (int r = 0; r < n; r++) {
            boxed[r] = r;
        }
        Arrays.sort(boxed, (a, b) -> ts[a] != ts[b] ? Long.compare(ts[a], ts[b]) : Integer.compare(a, b));
        int[] order = new int[n];
        for (int r = 0; r < n; r++) {
            order[r] = boxed[r];
        }
        return order;
    }

    private String role(Slot s) {
        if (s.index() == engine.plan().timestampSlot()) {
            return "the event time";
        }
        for (int e : engine.plan().entitySlots()) {
            if (e == s.index()) {
                return "the entity key";
            }
        }
        return "an input";
    }

    /** The event time of row {@code r} of {@code raw} in epoch ms, or {@code Long.MIN_VALUE} when it is missing or unreadable. */
    public long eventTime(Frame raw, int r) {
        int c = raw.schema().indexOf(engine.plan().slots().get(engine.plan().timestampSlot()).column());
        return c < 0 ? Long.MIN_VALUE : millis(raw, c, r);
    }

    private long millis(Frame raw, int c, int r) {
        Column col = raw.column(c);
        if (col.isMissing(r)) {
            return Long.MIN_VALUE;
        }
        return col instanceof Column.Timestamp tc ? tc.epochMillis()[r] : spec.timestampFormat().parseMillis(raw.text(c, r));
    }

    private long[] timestamps(Frame raw, int c, Slot slot, long[] lines, String source) {
        Column col = raw.column(c);
        long[] ts = new long[raw.rows()];
        for (int r = 0; r < ts.length; r++) {
            long t = millis(raw, c, r);
            if (t == Long.MIN_VALUE) {
                throw new InputException(where(source, lines, r), col.isMissing(r)
                        ? "event has no timestamp: column '" + slot.column() + "' is empty, and the feature plan orders events by it"
                        : "column '" + slot.column() + "': expected a timestamp (" + spec.timestampFormat().id() + "), found '"
                        + raw.text(c, r) + "'");
            }
            ts[r] = t;
        }
        return ts;
    }

    private static void set(EventRow row, Slot s, Frame raw, int c, int r, long[] lines, String source) {
        Column col = raw.column(c);
        if (col instanceof Column.Numeric num && s.type() != InputType.STRING) {
            double v = num.values()[r];
            if (s.type() == InputType.BOOLEAN) {
                row.bool(s.index(), Double.isNaN(v) ? null : v != 0);
            } else {
                row.number(s.index(), v);
            }
            return;
        }
        String text = raw.text(c, r);
        if (!row.parse(s.index(), text)) {
            throw new InputException(where(source, lines, r), "column '" + s.column() + "': expected "
                    + (s.type() == InputType.BOOLEAN ? "true or false" : "a number") + ", found '" + text + "'");
        }
    }

    private static InputLocation where(String source, long[] lines, int r) {
        return lines != null ? InputLocation.line(source, lines[r]) : InputLocation.file(source + ", record " + (r + 1));
    }

    /** Loads the entities' state written by {@link #writeState} for the same feature plan. */
    public void readState(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > EntityStateCodec.MAX_BYTES) {
                throw new InputException(InputLocation.file(file.toString()), "feature state file larger than "
                        + EntityStateCodec.MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(InputLocation.file(file.toString()), "no such feature state file");
        } catch (IOException e) {
            throw new InputException(InputLocation.file(file.toString()), "cannot read the feature state: " + e.getMessage());
        }
        EntityStateCodec.decode(bytes, engine, planId, file.toString());
    }

    /** Writes every entity's state (atomically), for a later run to start from. */
    public void writeState(Path file) {
        engine.evictIdle();
        byte[] bytes = EntityStateCodec.encode(engine, planId);
        AtomicFile.write(file, out -> out.write(bytes));
    }

    /** The state's bytes, for tests and for callers that keep it elsewhere. */
    public byte[] stateBytes() {
        return EntityStateCodec.encode(engine, planId);
    }

    /** Loads state bytes made by {@link #stateBytes} (or read from a state file). */
    public void loadState(byte[] bytes, String source) {
        EntityStateCodec.decode(bytes, engine, planId, source);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new SentinelException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
