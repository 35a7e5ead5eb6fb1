package io.sentinelrisk.features.stream;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.features.plan.FeaturePlan;
import io.sentinelrisk.features.plan.FeaturePlan.AggSpec;
import io.sentinelrisk.features.plan.FeaturePlan.PlannedFeature;
import io.sentinelrisk.features.plan.FeaturePlan.PrevSpec;
import io.sentinelrisk.features.plan.FeaturePlan.Slot;
import io.sentinelrisk.features.plan.FeaturePlan.ValueSource;
import io.sentinelrisk.features.plan.Ty;
import io.sentinelrisk.features.spec.AggKind;
import io.sentinelrisk.features.spec.InputType;
import io.sentinelrisk.features.spec.Window;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The streaming engine: evaluates a {@link FeaturePlan} one event at a time, keeping per entity
 * only what the windows need, and gives every event the same features as the batch SQL engine.
 *
 * <p>Each entity holds one ring buffer per distinct window with incremental aggregate state
 * ({@link Kernel}), the previous-event lookups and its latest time. Events at the same time as the
 * entity's latest one are held back ("pending") until time moves on, so ties never see each
 * other, exactly as in the SQL frames. State is bounded: buffers drop what leaves their window, an
 * entity whose next event comes more than the TTL after its last starts afresh, and idle entities
 * are swept from memory once the stream's time has passed their last event by more than
 * TTL + allowed lateness.
 *
 * <p>Needs each entity's events in time order (ties in any order); an older event throws
 * {@link LateEventException}. Not thread-safe: run one instance per thread or per key partition.
 */
public final class StreamingFeatures {
    private static final int SWEEP_EVERY = 1 << 16;

    /** The lateness rule, as messages and docs state it. */
    public static final String LATENESS_RULE = "each entity's events must come in time order "
            + "(ties allowed, no lateness: an event older than the entity's latest one is refused)";

    private final FeaturePlan plan;
    private final long ttl;
    private long allowedLateness;
    private final int[] entitySlots;

    private final Evaluators.Num[] valueNum;
    private final Evaluators.Str[] valueStr;
    private final Evaluators.Cond[] valueWhere;
    private final boolean[] valueIsStr;
    private final double[] vNum;
    private final String[] vStr;

    private final List<BufferLayout> buffers = new ArrayList<>();
    private final AggReader[] readers;

    private final Evaluators.Num[] featNum;
    private final Evaluators.Str[] featStr;
    private final int[] outputs;
    private final Ctx ctx;

    private final HashMap<String, EntityState> states = new HashMap<>();
    private long watermark = Long.MIN_VALUE;
    private long processed;

    public StreamingFeatures(FeaturePlan plan) {
        this(plan, 0);
    }

    /**
     * @param allowedLatenessMs how far behind the newest event seen an entity's next event may be
     *                          without being affected by the sweep of idle entities
     */
    public StreamingFeatures(FeaturePlan plan, long allowedLatenessMs) {
        this.plan = plan;
        this.ttl = plan.ttlMs();
        this.allowedLateness = allowedLatenessMs;
        this.entitySlots = plan.entitySlots();

        int nv = plan.values().size();
        valueNum = new Evaluators.Num[nv];
        valueStr = new Evaluators.Str[nv];
        valueWhere = new Evaluators.Cond[nv];
        valueIsStr = new boolean[nv];
        vNum = new double[nv];
        vStr = new String[nv];
        for (ValueSource v : plan.values()) {
            int j = v.index();
            valueIsStr[j] = v.type() == Ty.STR;
            if (v.of() != null) {
                if (valueIsStr[j]) {
                    valueStr[j] = Evaluators.str(v.of());
                } else {
                    valueNum[j] = Evaluators.num(v.of());
                }
            }
            if (v.where() != null) {
                valueWhere[j] = Evaluators.cond(v.where());
            }
        }

        readers = new AggReader[plan.aggs().size()];
        Map<Window, BufferLayout> byWindow = new LinkedHashMap<>();
        for (AggSpec a : plan.aggs()) {
            BufferLayout b = byWindow.computeIfAbsent(a.window(), w -> {
                BufferLayout l = new BufferLayout(buffers.size(), w);
                buffers.add(l);
                return l;
            });
            readers[a.index()] = b.reader(a);
        }

        int nf = plan.features().size();
        featNum = new Evaluators.Num[nf];
        featStr = new Evaluators.Str[nf];
        for (PlannedFeature f : plan.features()) {
            if (f.type() == Ty.STR) {
                featStr[f.index()] = Evaluators.str(f.expr());
            } else {
                featNum[f.index()] = Evaluators.num(f.expr());
            }
        }
        outputs = plan.outputs().stream().mapToInt(PlannedFeature::index).toArray();
        ctx = new Ctx(plan.aggs().size(), plan.prevs().size(), nf);
    }

    public FeaturePlan plan() {
        return plan;
    }

    /** A reusable row for this engine's inputs. */
    public EventRow newRow() {
        return new EventRow(plan);
    }

    /** The slot of a logical input column, or -1. */
    public int slot(String logical) {
        Slot s = plan.slot(logical);
        return s == null ? -1 : s.index();
    }

    /** Number of written features ({@code out.length} for {@link #process}). */
    public int outputCount() {
        return outputs.length;
    }

    /** Entities currently held in memory. */
    public int entities() {
        return states.size();
    }

    /**
     * Computes the written features of one event into {@code out} (NaN = null), then adds the
     * event to its entity's state.
     */
    public void process(EventRow row, double[] out) {
        long t = row.timestamp;
        if (t == Long.MIN_VALUE) {
            throw new InputException("event has no timestamp");
        }
        String key = key(row);
        EntityState st = states.get(key);
        if (st == null) {
            st = newState();
            states.put(key, st);
        } else if (st.lastTs != Long.MIN_VALUE) {
            if (t < st.lastTs) {
                throw new LateEventException("event of entity '" + key + "' at " + Instant.ofEpochMilli(t)
                        + " is older than its latest event at " + Instant.ofEpochMilli(st.lastTs)
                        + "; " + LATENESS_RULE);
            }
            if (t - st.lastTs > ttl) {
                st = newState();
                states.put(key, st);
            }
        }
        if (t > st.lastTs) {
            st.commit(t);
        }

        Ctx c = ctx;
        c.ts = t;
        c.nums = row.nums;
        c.strs = row.strs;
        for (int j = 0; j < vNum.length; j++) {
            boolean take = valueWhere[j] == null || valueWhere[j].eval(c) == 1;
            if (valueIsStr[j]) {
                vStr[j] = take ? valueStr[j].eval(c) : null;
            } else {
                vNum[j] = !take ? Double.NaN : (valueNum[j] == null ? 1.0 : valueNum[j].eval(c));
            }
        }
        for (AggReader r : readers) {
            c.aggs[r.agg] = r.read(st, c);
        }
        for (PrevSpec p : plan.prevs()) {
            int i = p.index();
            c.prevTs[i] = st.prevTs[i];
            c.prevNum[i] = st.prevNum[i];
            c.prevStr[i] = st.prevStr[i];
        }
        for (int f = 0; f < featNum.length; f++) {
            if (featNum[f] != null) {
                c.feats[f] = featNum[f].eval(c);
            } else {
                c.featStrs[f] = featStr[f].eval(c);
            }
        }
        for (int o = 0; o < outputs.length; o++) {
            out[o] = c.feats[outputs[o]];
        }

        for (int b = 0; b < st.buffers.length; b++) {
            buffers.get(b).append(st.buffers[b], t, row);
        }
        for (PrevSpec p : plan.prevs()) {
            int i = p.index();
            boolean match = p.match() < 0 || (valueIsStr[p.match()] ? vStr[p.match()] != null : !Double.isNaN(vNum[p.match()]));
            if (match) {
                st.pendSet[i] = true;
                st.pendTs[i] = t;
                if (p.value() >= 0) {
                    st.pendNum[i] = valueIsStr[p.value()] ? Double.NaN : vNum[p.value()];
                    st.pendStr[i] = valueIsStr[p.value()] ? vStr[p.value()] : null;
                }
            }
        }
        st.lastTs = t;

        if (t > watermark) {
            watermark = t;
        }
        if (++processed % SWEEP_EVERY == 0) {
            evictIdle();
        }
    }

    /** Events held in all entities' window buffers: what the state's memory grows with. */
    public long bufferedEvents() {
        long n = 0;
        for (EntityState st : states.values()) {
            for (WindowBuffer b : st.buffers) {
                n += b.tail - b.head;
            }
        }
        return n;
    }

    /** Drops entities whose state can no longer affect any feature. Called every 65,536 events. */
    public void evictIdle() {
        if (watermark == Long.MIN_VALUE) {
            return;
        }
        long limit = watermark - ttl - allowedLateness;
        Iterator<EntityState> it = states.values().iterator();
        while (it.hasNext()) {
            if (it.next().lastTs < limit) {
                it.remove();
            }
        }
    }

    private String key(EventRow row) {
        int[] ks = entitySlots;
        if (ks.length == 0) {
            return "";
        }
        if (ks.length == 1) {
            String s = row.strs[ks[0]];
            return s == null ? "" : s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ks.length; i++) {
            if (i > 0) {
                sb.append('\u001f');
            }
            String s = row.strs[ks[i]];
            if (s != null) {
                sb.append(s);
            }
        }
        return sb.toString();
    }

    /** Separator between the parts of a composite entity key (also used by the SQL engines). */
    public static final char KEY_SEPARATOR = '\u001f';

    // ---- per-entity state ----

    /** A fresh state for one entity: empty buffers of every window, no previous events. */
    EntityState newState() {
        WindowBuffer[] bs = new WindowBuffer[buffers.size()];
        for (int b = 0; b < bs.length; b++) {
            bs[b] = buffers.get(b).create();
        }
        return new EntityState(bs, plan.prevs().size());
    }

    /** An empty buffer of window {@code b}, for the state codec. */
    WindowBuffer newBuffer(int b) {
        return buffers.get(b).create();
    }

    int bufferCount() {
        return buffers.size();
    }

    /** The entities' states by key (read-only view), e.g. to save them with {@link EntityStateCodec}. */
    public Map<String, EntityState> states() {
        return java.util.Collections.unmodifiableMap(states);
    }

    /** Sets an entity's state, e.g. one read by {@link EntityStateCodec}; replaces what was there. */
    public void putState(String key, EntityState state) {
        if (state.buffers.length != buffers.size() || state.prevTs.length != plan.prevs().size()) {
            throw new IllegalArgumentException("state of entity '" + key + "' has another shape than this plan's");
        }
        states.put(key, state);
        if (state.lastTs > watermark) {
            watermark = state.lastTs;
        }
    }

    /**
     * Changes how far behind the newest event an entity may be before the idle sweep drops it
     * ({@link #StreamingFeatures(FeaturePlan, long)}); e.g. {@code Long.MAX_VALUE / 4} when the
     * states live outside the engine and are lent to it one event at a time, so that the sweep
     * never drops the state of the event being processed.
     */
    public void allowLateness(long allowedLatenessMs) {
        this.allowedLateness = allowedLatenessMs;
    }

    /**
     * Forgets an entity's state (the next event of {@code key} starts afresh): for a caller that
     * keeps each entity's state elsewhere — a store that reloads it after a failed write, a stream
     * job's keyed state lent to the engine per event.
     */
    public void removeState(String key) {
        states.remove(key);
    }

    // ---- layout of one window's buffer, shared by all entities ----

    /** Where a column of a buffer comes from: a value source, or the current event's slot. */
    private record ColumnSource(boolean slot, int index) {
    }

    private final class BufferLayout {
        final int index;
        final Window window;
        final List<ColumnSource> numColumns = new ArrayList<>();
        final List<ColumnSource> objColumns = new ArrayList<>();
        final List<Object> kernelKeys = new ArrayList<>();
        final List<Supplier<Kernel>> kernels = new ArrayList<>();

        BufferLayout(int index, Window window) {
            this.index = index;
            this.window = window;
        }

        WindowBuffer create() {
            Kernel[] ks = new Kernel[kernels.size()];
            for (int i = 0; i < ks.length; i++) {
                ks[i] = kernels.get(i).get();
            }
            long ms = window instanceof Window.Time t ? t.millis() : -1;
            int max = window instanceof Window.Events e ? e.events() : -1;
            return new WindowBuffer(ms, max, numColumns.size(), objColumns.size(), ks);
        }

        /**
         * Column of a value source: returns (isObj, column). A source that is just an input column
         * shares that column (so a distinct count and a by-count of the same column share one
         * kernel).
         */
        int[] valueColumn(int value) {
            ValueSource v = plan.values().get(value);
            if (v.where() == null && v.of() instanceof io.sentinelrisk.features.plan.TExpr.Input in
                    && in.type() != Ty.TIME && (in.type() == Ty.STR) == valueIsStr[value] && in.type() != Ty.BOOL) {
                return slotColumn(in.slot());
            }
            boolean obj = valueIsStr[value];
            return new int[] {obj ? 1 : 0, column(obj ? objColumns : numColumns, new ColumnSource(false, value))};
        }

        int[] slotColumn(int slot) {
            boolean obj = plan.slots().get(slot).type() == InputType.STRING;
            return new int[] {obj ? 1 : 0, column(obj ? objColumns : numColumns, new ColumnSource(true, slot))};
        }

        private int column(List<ColumnSource> cols, ColumnSource src) {
            int i = cols.indexOf(src);
            if (i < 0) {
                cols.add(src);
                i = cols.size() - 1;
            }
            return i;
        }

        private int kernel(Object key, Supplier<Kernel> factory) {
            int i = kernelKeys.indexOf(key);
            if (i < 0) {
                kernelKeys.add(key);
                kernels.add(factory);
                i = kernels.size() - 1;
            }
            return i;
        }

        AggReader reader(AggSpec a) {
            ValueSource v = plan.values().get(a.value());
            boolean countAll = v.of() == null && v.where() == null;
            if (a.bySlot() >= 0) {
                int[] key = slotColumn(a.bySlot());
                int[] present = countAll ? new int[] {0, -1} : valueColumn(a.value());
                int k = kernel(List.of("keys", key[0], key[1], present[0], present[1]),
                        () -> new Kernel.Keys(key[1], key[0] == 1, present[1], present[0] == 1));
                return new AggReader(a, index, k, a.bySlot(), plan.slots().get(a.bySlot()).type() == InputType.STRING);
            }
            if (a.kind() == AggKind.COUNT) {
                int[] col = countAll ? new int[] {0, -1} : valueColumn(a.value());
                int k = kernel(List.of("count", col[0], col[1]), () -> new Kernel.Count(col[1], col[0] == 1));
                return new AggReader(a, index, k, -1, false);
            }
            int[] col = valueColumn(a.value());
            int k = switch (a.kind()) {
                case SUM, MEAN, STD -> kernel(List.of("moments", col[1]), () -> new Kernel.Moments(col[1]));
                case MIN -> kernel(List.of("min", col[1]), () -> new Kernel.Extreme(col[1], false));
                case MAX -> kernel(List.of("max", col[1]), () -> new Kernel.Extreme(col[1], true));
                case DISTINCT_COUNT -> kernel(List.of("keys", col[0], col[1], 0, -1), () -> new Kernel.Keys(col[1], col[0] == 1, -1, false));
                case QUANTILE -> kernel(List.of("sorted", col[1]), () -> new Kernel.Sorted(col[1]));
                case COUNT -> throw new IllegalStateException();
            };
            return new AggReader(a, index, k, -1, false);
        }

        void append(WindowBuffer b, long t, EventRow row) {
            int i = b.append(t);
            for (int c = 0; c < numColumns.size(); c++) {
                ColumnSource s = numColumns.get(c);
                b.nums[c][i] = s.slot() ? row.nums[s.index()] : vNum[s.index()];
            }
            for (int c = 0; c < objColumns.size(); c++) {
                ColumnSource s = objColumns.get(c);
                b.objs[c][i] = s.slot() ? row.strs[s.index()] : vStr[s.index()];
            }
        }
    }

    /** Reads one aggregate's value for the current event from an entity's state. */
    private static final class AggReader {
        final int agg;
        final AggKind kind;
        final double q;
        final int buffer;
        final int kernel;
        final int bySlot;
        final boolean byText;

        AggReader(AggSpec a, int buffer, int kernel, int bySlot, boolean byText) {
            this.agg = a.index();
            this.kind = a.kind();
            this.q = a.q();
            this.buffer = buffer;
            this.kernel = kernel;
            this.bySlot = bySlot;
            this.byText = byText;
        }

        double read(EntityState st, Ctx c) {
            WindowBuffer b = st.buffers[buffer];
            Kernel k = b.kernels[kernel];
            if (bySlot >= 0) {
                Object key;
                if (byText) {
                    key = c.strs[bySlot];
                } else {
                    double v = c.nums[bySlot];
                    key = Double.isNaN(v) ? null : Double.valueOf(v == 0 ? 0.0 : v);
                }
                return key == null ? Double.NaN : ((Kernel.Keys) k).count(key);
            }
            return switch (kind) {
                case COUNT -> ((Kernel.Count) k).n;
                case SUM -> {
                    Kernel.Moments m = (Kernel.Moments) k;
                    m.refresh(b);
                    yield m.sum();
                }
                case MEAN -> {
                    Kernel.Moments m = (Kernel.Moments) k;
                    m.refresh(b);
                    yield m.mean();
                }
                case STD -> {
                    Kernel.Moments m = (Kernel.Moments) k;
                    m.refresh(b);
                    yield m.std();
                }
                case MIN, MAX -> ((Kernel.Extreme) k).value(b);
                case DISTINCT_COUNT -> ((Kernel.Keys) k).distinct();
                case QUANTILE -> ((Kernel.Sorted) k).quantile(q);
            };
        }
    }
}
