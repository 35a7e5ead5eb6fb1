package io.sentinelrisk.core.explain;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.prepare.ColumnPrep;
import io.sentinelrisk.core.util.Decimals;
import io.sentinelrisk.core.util.Stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Local explanations: for one record, how far each input column is from what was normal in
 * training, in robust standard-deviation units, signed; the largest deviations are the
 * reasons. Categories are scored by rarity: a category such that a share {@code t} of training
 * rows hold a value at most as frequent as it deviates by the normal quantile {@code z} with
 * two-sided tail {@code t} ({@code t = 0.001 → z = 3.3}); a category never seen counts as one row
 * more rare than the rarest. So one of many equally frequent values (a user among 200) is not
 * rare, while a value far rarer than the others is. A column with very many values keeps only
 * the frequent ones ({@code CategoryBuckets}); any other value is said to be rare, seen fewer
 * times than the least frequent kept one. Model-agnostic, so every detector gets the same kind
 * of explanation. Immutable.
 */
public final class Explainer {
    /** Deviations are capped here so that a constant training column does not print infinity. */
    public static final double MAX_DEVIATION = 1000;

    private final List<FeatureBaseline> baselines;
    /** Each baseline's "what is normal" text (a numeric median, a categorical's usual values), written once. */
    private final String[] normal;

    public Explainer(List<FeatureBaseline> baselines) {
        this.baselines = List.copyOf(baselines);
        this.normal = new String[this.baselines.size()];
        for (int i = 0; i < normal.length; i++) {
            normal[i] = switch (this.baselines.get(i)) {
                case FeatureBaseline.Numeric n -> "median " + fmt(n.median());
                case FeatureBaseline.Categorical c -> usual(c);
            };
        }
    }

    public List<FeatureBaseline> baselines() {
        return baselines;
    }

    /** Every column's reason for row {@code row}, largest |deviation| first (ties by column order). */
    public List<Reason> explain(Frame frame, int row) {
        List<Reason> reasons = new ArrayList<>(baselines.size());
        for (int i = 0; i < baselines.size(); i++) {
            Column col = frame.column(baselines.get(i).column());
            if (col != null) {
                reasons.add(reason(i, col, row));
            }
        }
        reasons.sort(Comparator.comparingDouble((Reason r) -> -Math.abs(r.deviation())));
        return reasons;
    }

    /** A row's strongest reason in brief: the feature and its signed deviation. */
    public record Strongest(String feature, double deviation) {
    }

    /**
     * The feature and deviation of {@code explain(frame, row).get(0)}, found without writing any
     * reason's text (which costs far more than the deviations); null when there is no reason.
     * Ties go to the first baseline, as the stable sort of {@link #explain} leaves them.
     */
    public Strongest strongest(Frame frame, int row) {
        FeatureBaseline best = null;
        double bestKey = 0;
        double bestDeviation = 0;
        for (FeatureBaseline b : baselines) {
            Column col = frame.column(b.column());
            if (col == null) {
                continue;
            }
            double z = deviation(b, col, row);
            double key = -Math.abs(z);
            if (best == null || Double.compare(key, bestKey) < 0) {
                best = b;
                bestKey = key;
                bestDeviation = z;
            }
        }
        return best == null ? null : new Strongest(best.column(), bestDeviation);
    }

    /** The frame's column of each baseline, null where the frame lacks it: for {@link #strongestCode}. */
    public Column[] columnsOf(Frame frame) {
        Column[] cols = new Column[baselines.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = frame.column(baselines.get(i).column());
        }
        return cols;
    }

    /** The feature of baseline {@code i} (as {@link Strongest#feature}). */
    public String feature(int i) {
        return baselines.get(i).column();
    }

    /**
     * {@link #strongest(Frame, int)} over the columns {@link #columnsOf} gave, as a code: twice the
     * strongest baseline's index, plus 1 when its deviation is negative; -1 without a reason. The
     * scorecard asks for every flagged row: no column looked up by name, nothing allocated.
     */
    public int strongestCode(Column[] cols, int row) {
        int best = -1;
        double bestKey = 0;
        double bestDeviation = 0;
        for (int i = 0; i < cols.length; i++) {
            Column col = cols[i];
            if (col == null) {
                continue;
            }
            double z = deviation(baselines.get(i), col, row);
            double key = -Math.abs(z);
            if (best < 0 || Double.compare(key, bestKey) < 0) {
                best = i;
                bestKey = key;
                bestDeviation = z;
            }
        }
        return best < 0 ? -1 : 2 * best + (bestDeviation < 0 ? 1 : 0);
    }

    /**
     * The {@code top} strongest reasons for row {@code row}: the first {@code top} of
     * {@link #explain}, in its order. Only the deviations of every column are computed; the
     * texts, the costly part, only for the reasons returned.
     */
    public List<Reason> top(Frame frame, int row, int top) {
        int n = baselines.size();
        Column[] cols = new Column[n];
        // sort key of explain's order: -|deviation| by Double.compare, ties by column order
        double[] key = new double[n];
        int present = 0;
        for (int i = 0; i < n; i++) {
            cols[i] = frame.column(baselines.get(i).column());
            if (cols[i] != null) {
                key[i] = -Math.abs(deviation(baselines.get(i), cols[i], row));
                present++;
            }
        }
        int k = Math.min(Math.max(top, 0), present);
        List<Reason> out = new ArrayList<>(k);
        boolean[] taken = new boolean[n];
        for (int t = 0; t < k; t++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (cols[i] != null && !taken[i] && (best < 0 || Double.compare(key[i], key[best]) < 0)) {
                    best = i;
                }
            }
            taken[best] = true;
            out.add(reason(best, cols[best], row));
        }
        return List.copyOf(out);
    }

    /** One line from the strongest reasons, e.g. "bytes_out is +11.9 std above normal; country 'KP' is rare". */
    public static String narrative(List<Reason> reasons) {
        List<String> parts = new ArrayList<>();
        for (Reason r : reasons) {
            if (Math.abs(r.deviation()) >= 2 || parts.isEmpty()) {
                parts.add(r.narrative());
            }
        }
        return parts.isEmpty() ? "nothing stands out" : String.join("; ", parts);
    }

    private Reason reason(int baseline, Column col, int row) {
        return switch (baselines.get(baseline)) {
            case FeatureBaseline.Numeric n -> numeric(n, normal[baseline], col, row);
            case FeatureBaseline.Categorical c -> categorical(c, normal[baseline], col, row);
        };
    }

    /** @param base "median M", the baseline's text */
    private static Reason numeric(FeatureBaseline.Numeric b, String base, Column col, int row) {
        if (col.isMissing(row)) {
            return new Reason(b.column(), "", base, 0, b.column() + " is missing (imputed)");
        }
        double x = numericValue(col, row);
        String shown = b.hourOfDay() ? fmt(x) + "h" : col.text(row);
        double z = deviation(x - b.median(), b.scale());
        String name = b.hourOfDay() ? b.column() + " (hour of day)" : b.column();
        String text;
        if (z == 0) {
            text = name + " is at the normal value (" + shown + ")";
        } else if (Math.abs(z) >= MAX_DEVIATION) {
            text = String.format(Locale.ROOT, "%s is more than %.0f std %s normal (%s, %s)", name, MAX_DEVIATION,
                    z > 0 ? "above" : "below", shown, base);
        } else {
            // String.format(Locale.ROOT, "%s is %+.1f std %s normal (%s, %s)", …) without a Formatter
            text = name + " is " + Decimals.signedOneDecimal(z) + " std " + (z > 0 ? "above" : "below") + " normal ("
                    + shown + ", " + base + ")";
        }
        return new Reason(b.column(), shown, base, z, text);
    }

    /** @param usual the baseline's most common values, as text */
    private static Reason categorical(FeatureBaseline.Categorical b, String usual, Column col, int row) {
        String value = col.text(row);
        if (col.isMissing(row)) {
            return new Reason(b.column(), "", usual, 0, b.column() + " is missing (imputed)");
        }
        Double share = b.shares().get(value);
        double f = share(b, share);
        double z = categoricalDeviation(b, f, share == null);
        String text;
        if (share != null) {
            // the sentences below are String.format(Locale.ROOT, …) of the commented pattern, by concatenation
            // ("%s '%s' is %s (%s of training rows)")
            text = b.column() + " '" + value + "' is " + (z >= 2 ? "rare" : "common") + " (" + percent(f) + " of training rows)";
        } else if (b.otherShare() > 0) {
            // Training had more values than the baseline keeps: this one was bucketed or unseen,
            // and either way it was seen fewer times than the least frequent value kept.
            long fewerThan = Math.round(b.otherShare() * b.trainingRows()) + 1;
            // ("%s '%s' is a rare value (seen in training fewer than %d times)")
            text = b.column() + " '" + value + "' is a rare value (seen in training fewer than " + fewerThan + " times)";
        } else {
            // ("%s '%s' was never seen in training (usual: %s)")
            text = b.column() + " '" + value + "' was never seen in training (usual: " + usual + ")";
        }
        return new Reason(b.column(), value, usual, z, text);
    }

    /**
     * The share of training rows whose value is at most as frequent as a value of share
     * {@code f}: how unusual it is to meet a value this rare. One value of 0.1% among values of
     * 30% is unusual (0.1%); one user of 200 equally frequent users is not (100%), however small
     * its own share. Bucketed values are all rarer than any kept one.
     */
    private static double rarerOrEqual(FeatureBaseline.Categorical b, double f, boolean unlisted) {
        double kept = 0;
        double tail = unlisted && b.otherShare() == 0 ? f : 0;   // a never-seen value counts as one row
        for (double s : b.shares().values()) {
            kept += s;
            tail += s <= f ? s : 0;
        }
        if (b.otherShare() > 0) {
            tail += Math.max(0, 1 - kept);
        }
        return Math.min(1, tail);
    }

    /** The signed deviation {@link #reason} gives the row, without its text (0 when missing). */
    private static double deviation(FeatureBaseline baseline, Column col, int row) {
        // instanceof, not a pattern switch: the switch's call site is linked by generating a class
        // at the first call, milliseconds of the scorecard's thread under the quick compiler
        if (baseline instanceof FeatureBaseline.Numeric n) {
            return numericDeviation(n, col, row);
        }
        return categoricalDeviation((FeatureBaseline.Categorical) baseline, col, row);
    }

    /** The deviation {@link #numeric} gives the row (0 when missing). */
    private static double numericDeviation(FeatureBaseline.Numeric b, Column col, int row) {
        return col.isMissing(row) ? 0 : deviation(numericValue(col, row) - b.median(), b.scale());
    }

    private static double numericValue(Column col, int row) {
        // instanceof for the reason deviation gives
        if (col instanceof Column.Numeric n) {
            return n.values()[row];
        } else if (col instanceof Column.Timestamp t) {
            return ColumnPrep.TimeOfWeek.hourOfDay(t.epochMillis()[row]);
        }
        return Double.NaN;   // Column.Categorical
    }

    /** The deviation {@link #categorical} gives the row (0 when missing). */
    private static double categoricalDeviation(FeatureBaseline.Categorical b, Column col, int row) {
        if (col.isMissing(row)) {
            return 0;
        }
        Double share = b.shares().get(col.text(row));
        return categoricalDeviation(b, share(b, share), share == null);
    }

    private static double share(FeatureBaseline.Categorical b, Double share) {
        return share != null ? share : b.otherShare() > 0 ? b.otherShare() : 1.0 / (b.trainingRows() + 1);
    }

    private static double categoricalDeviation(FeatureBaseline.Categorical b, double f, boolean unlisted) {
        return Math.min(MAX_DEVIATION, Math.max(0, Stats.normalQuantile(1 - rarerOrEqual(b, f, unlisted) / 2)));
    }

    private static double deviation(double diff, double scale) {
        if (diff == 0) {
            return 0;
        }
        double z = scale > 0 ? diff / scale : Math.copySign(MAX_DEVIATION, diff);
        return Math.max(-MAX_DEVIATION, Math.min(MAX_DEVIATION, z));
    }

    private static String usual(FeatureBaseline.Categorical b) {
        List<String> top = b.shares().entrySet().stream()
                .sorted((x, y) -> x.getValue().equals(y.getValue())
                        ? x.getKey().compareTo(y.getKey())
                        : Double.compare(y.getValue(), x.getValue()))
                .limit(3).map(e -> e.getKey()).toList();
        return top.isEmpty() ? "no value is common" : String.join(", ", top);
    }

    /** {@code f} as a percentage: {@code String.format(Locale.ROOT, "%.1f%%" or, under 1%, "%.2g%%", 100 * f)}. */
    static String percent(double f) {
        return f >= 0.01 ? Decimals.oneDecimal(100 * f) + "%" : String.format(Locale.ROOT, "%.2g%%", 100 * f);
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
