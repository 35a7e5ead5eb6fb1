package io.sentinelrisk.core.explain;

import io.sentinelrisk.core.data.CategoryCounts;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.prepare.CategoryBuckets;
import io.sentinelrisk.core.prepare.ColumnPrep;
import io.sentinelrisk.core.util.Selection;
import io.sentinelrisk.core.util.SortedColumns;
import io.sentinelrisk.core.util.Stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Learns the per-column baselines of an {@link Explainer} from the training rows. */
public final class ExplainerTrainer {
    public Explainer fit(Frame frame) {
        return fit(frame, null);
    }

    /** @param sorted the sorted values of some of the frame's numeric columns (null: none), read instead of selected */
    public Explainer fit(Frame frame, SortedColumns sorted) {
        List<FeatureBaseline> baselines = new ArrayList<>();
        for (int i = 0; i < frame.columnCount(); i++) {
            if (frame.schema().field(i).role() != ColumnRole.FEATURE) {
                continue;
            }
            baselines.add(switch (frame.column(i)) {
                case Column.Numeric n -> sorted != null && sorted.has(n.values())
                        ? numericSorted(n.name(), sorted.of(n.values()))
                        : numeric(n.name(), false, n.values());
                case Column.Timestamp t -> numeric(t.name(), true, hours(t.epochMillis()));
                case Column.Categorical c -> categorical(c);
            });
        }
        return new Explainer(baselines);
    }

    private static FeatureBaseline numeric(String name, boolean hourOfDay, double[] values) {
        Selection finite = Selection.ofFinite(values);
        double median = finite.size() == 0 ? 0 : finite.quantile(0.5);
        return new FeatureBaseline.Numeric(name, hourOfDay, median, Stats.robustScale(finite));
    }

    /** As {@link #numeric} from the sorted non-NaN values: the same median and scale bit for bit. */
    private static FeatureBaseline numericSorted(String name, double[] sorted) {
        double median = sorted.length == 0 ? 0 : Stats.quantileSorted(sorted, 0.5);
        return new FeatureBaseline.Numeric(name, false, median, Stats.robustScale(sorted));
    }

    private static double[] hours(long[] ms) {
        double[] h = new double[ms.length];
        for (int i = 0; i < ms.length; i++) {
            h[i] = ms[i] == Column.Timestamp.MISSING ? Double.NaN : ColumnPrep.TimeOfWeek.hourOfDay(ms[i]);
        }
        return h;
    }

    private static FeatureBaseline categorical(Column.Categorical c) {
        CategoryCounts counts = CategoryCounts.of(c);
        CategoryBuckets buckets = CategoryBuckets.of(counts);   // the same values as preparation keeps
        Map<String, Double> shares = new LinkedHashMap<>();
        double other = 0;
        for (int k = 0; k < counts.order().length; k++) {
            int code = counts.order()[k];
            if (counts.counts()[code] == 0) {
                continue;
            }
            if (buckets.keeps(counts.counts()[code])) {
                shares.put(c.dictionary().get(code), counts.share(code));
            } else {
                other = Math.max(other, counts.share(code));
            }
        }
        return new FeatureBaseline.Categorical(c.name(), shares, other, counts.present());
    }
}
