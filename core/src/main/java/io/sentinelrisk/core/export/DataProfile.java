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

    /** Column name → profile, in column order (an ordered map: the keys are the data's column names). */
    public static Map<String, ColumnProfile> of(Frame frame) {
        Map<String, ColumnProfile> out = new LinkedHashMap<>();
        for (int c = 0; c < frame.columnCount(); c++) {
            Field f = frame.schema().field(c);
            out.put(f.name(), profile(f, frame.column(c)));
        }
        return out;
    }

    private static ColumnProfile profile(Field f, Column col) {
        String type = f.type().id();
        String role = f.role().id();
        long missing = 0;
        for (int r = 0; r < col.size(); r++) {
            if (col.isMissing(r)) {
                missing++;
            }
        }
        return switch (col) {
            case Column.Numeric n -> {
                double[] sorted = Stats.sortedFinite(n.values());
                yield sorted.length == 0
                        ? new ColumnProfile.Numeric(type, role, missing, null, null, null, null)
                        : new ColumnProfile.Numeric(type, role, missing, sorted[0], Stats.quantileSorted(sorted, 0.5),
                                Stats.mean(sorted), sorted[sorted.length - 1]);
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
                yield new ColumnProfile.Categorical(type, role, missing, distinct);
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
                yield lo <= hi
                        ? new ColumnProfile.Timestamp(type, role, missing, Instant.ofEpochMilli(lo).toString(), Instant.ofEpochMilli(hi).toString())
                        : new ColumnProfile.Timestamp(type, role, missing, null, null);
            }
        };
    }
}
