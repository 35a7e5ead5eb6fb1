package io.sentinelrisk.core.detect.stream;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
import java.util.Arrays;

/**
 * Two rules applied to a stream's tail probabilities after the likelihood:
 * <ul>
 * <li>spatial ({@code spatial_tolerance} &gt; 0, the "spatial anomaly" rule of NAB's HTM
 * detector): a row with a value beyond the range of all values seen so far by more than the
 * tolerance times that range is an alarm, whatever the forest says. A forest's score of a new
 * extreme is bounded by how isolated its shingle is in the sample; a level never seen before is
 * news in itself.</li>
 * <li>quiet ({@code quiet_rows} &gt; 0): after a reported alarm, later alarms of the likelihood
 * within the next {@code quiet_rows} rows are lowered to the warning level, so one incident (whose
 * averaged score stays high for a while) is one alert. A spatial alarm passes (Numenta's rule
 * scores a new extreme 1 regardless of the likelihood): on NAB, a quiet period started by a false
 * alarm hid a jump to five times the highest value so far, the labelled anomaly.</li>
 * </ul>
 * State: the range of each feature so far, the end of the current quiet period and, from stored
 * form 4, whether the quiet period holds spatial alarms too (as in forms 2 and 3).
 */
public final class AlarmRules {
    private final double tolerance;
    private final int quietRows;
    // whether the quiet period also lowers spatial alarms (the stored forms before version 4 did)
    private final boolean quietHoldsSpatial;
    // smallest and largest value of each feature so far; NaN before the first row
    private final double[] min;
    private final double[] max;
    // rows before this one are in the quiet period after the last reported alarm
    private long quietUntil;

    public AlarmRules(int features, double spatialTolerance, int quietRows) {
        this(features, spatialTolerance, quietRows, false);
    }

    /** With {@code quietHoldsSpatial}, the rules of stored forms 2 and 3: the quiet period lowers spatial alarms too. */
    AlarmRules(int features, double spatialTolerance, int quietRows, boolean quietHoldsSpatial) {
        this.tolerance = spatialTolerance;
        this.quietRows = quietRows;
        this.quietHoldsSpatial = quietHoldsSpatial;
        this.min = new double[features];
        this.max = new double[features];
        Arrays.fill(min, Double.NaN);
        Arrays.fill(max, Double.NaN);
    }

    private AlarmRules(AlarmRules o) {
        tolerance = o.tolerance;
        quietRows = o.quietRows;
        quietHoldsSpatial = o.quietHoldsSpatial;
        min = o.min.clone();
        max = o.max.clone();
        quietUntil = o.quietUntil;
    }

    AlarmRules copy() {
        return new AlarmRules(this);
    }

    /**
     * Checks the row {@code x[off .. off+features)} against the range so far, then widens the
     * range with it; returns whether the spatial rule fires (never when it is off).
     */
    public boolean observe(double[] x, int off) {
        boolean outside = false;
        for (int j = 0; j < min.length; j++) {
            double v = x[off + j];
            double range = max[j] - min[j];
            if (tolerance > 0 && range > 0) {   // NaN (no row yet) and a constant series have no range to leave
                double tol = tolerance * range;
                outside |= v > max[j] + tol || v < min[j] - tol;
            }
            if (!(v >= min[j])) {
                min[j] = v;
            }
            if (!(v <= max[j])) {
                max[j] = v;
            }
        }
        return outside;
    }

    /**
     * The reported tail probability of row {@code t} (rows in increasing order), from its
     * likelihood's tail and whether the spatial rule fired on it.
     */
    public double filter(double tail, boolean spatial, long t) {
        double out = spatial ? ScoreLikelihood.FLOOR : tail;
        if (quietRows > 0 && out <= ScoreLikelihood.RED) {
            if (t < quietUntil && (quietHoldsSpatial || !spatial)) {
                return ScoreLikelihood.YELLOW;
            }
            quietUntil = t + 1 + quietRows;
        }
        return out;
    }

    void write(BinaryWriter w) {
        w.writeDoubles(min).writeDoubles(max).writeLong(quietUntil).writeInt(quietHoldsSpatial ? 1 : 0);
    }

    /** Reads the state written by {@link #write}, for a stream of {@code features} features. */
    static AlarmRules read(BinaryReader r, int features, double spatialTolerance, int quietRows) {
        double[] lo = r.readDoubles();
        double[] hi = r.readDoubles();
        if (lo.length != features || hi.length != features) {
            throw r.corrupt("value range arrays do not match " + features + " features");
        }
        long quietUntil = r.readLong();
        boolean quietHoldsSpatial = r.version() < 4 || readFlag(r);
        AlarmRules a = new AlarmRules(features, spatialTolerance, quietRows, quietHoldsSpatial);
        System.arraycopy(lo, 0, a.min, 0, features);
        System.arraycopy(hi, 0, a.max, 0, features);
        a.quietUntil = quietUntil;
        return a;
    }

    private static boolean readFlag(BinaryReader r) {
        int flag = r.readInt();
        if (flag != 0 && flag != 1) {
            throw r.corrupt("bad quiet-period form " + flag);
        }
        return flag == 1;
    }
}
