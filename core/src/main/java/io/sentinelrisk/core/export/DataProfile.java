package io.sentinelrisk.core.export;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.util.Stats;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Per-column profile of a frame for the summary report: type, role, missing count and a sketch of values. */
public final class DataProfile {
    private DataProfile() {
    }

    public static Map<String, Object> of(Frame frame) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int c = 0; c < frame.columnCount(); c++) {
            Field f = frame.schema().field(c);
            Column col = frame.column(c);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", f.type().id());
            m.put("role", f.role().id());
            long missing = 0;
            for (int r = 0; r < col.size(); r++) {
                if (col.isMissing(r)) {
                    missing++;
                }
            }
            m.put("missing", missing);
            switch (col) {
                case Column.Numeric n -> {
                    double[] sorted = Stats.sortedFinite(n.values());
                    if (sorted.length > 0) {
                        m.put("min", sorted[0]);
                        m.put("median", Stats.quantileSorted(sorted, 0.5));
                        m.put("mean", Stats.mean(sorted));
                        m.put("max", sorted[sorted.length - 1]);
                    }
                }
                case Column.Categorical k -> {
                    boolean[] seen = new boolean[k.dictionary().size()];
                    long distinct = 0;
                    for (int code : k.codes()) {
                        if (code >= 0 && !seen[code]) {
                            seen[code] = true;
                            distinct++;
                        }
                    }
                    m.put("distinct", distinct);
                }
                case Column.Timestamp t -> {
                    long lo = Long.MAX_VALUE;
                    long hi = Long.MIN_VALUE;
                    for (long v : t.epochMillis()) {
                        if (v != Column.Timestamp.MISSING) {
                            lo = Math.min(lo, v);
                            hi = Math.max(hi, v);
                        }
                    }
                    if (lo <= hi) {
                        m.put("min", Instant.ofEpochMilli(lo).toString());
                        m.put("max", Instant.ofEpochMilli(hi).toString());
                    }
                }
            }
            out.put(f.name(), m);
        }
        return out;
    }
}
