package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated rows with a planted signal: normal rows are Gaussian in x0..x4 with a category
 * {@code kind} in a, b, c; "loud" anomalies have x4 far out (what a heuristic and any detector
 * see), "quiet" anomalies stay inside the normal range on every feature but combine x0 and x1
 * both high with kind c, which only a model that learns from labels finds.
 */
final class JudgeData {
    final Frame frame;
    final int[] labels;

    private JudgeData(Frame frame, int[] labels) {
        this.frame = frame;
        this.labels = labels;
    }

    static JudgeData generate(int n, double anomalyShare, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = 5;
        double[][] x = new double[d][n];
        int[] kind = new int[n];
        int[] y = new int[n];
        int[] scenario = new int[n];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                x[j][r] = gauss(rnd);
            }
            kind[r] = rnd.nextInt(3);
            // keep the quiet pattern out of the normal rows
            if (kind[r] == 2 && x[0][r] > 0.6 && x[1][r] > 0.6) {
                x[0][r] = -x[0][r];
            }
            if (rnd.nextDouble() < anomalyShare) {
                y[r] = 1;
                if (rnd.nextDouble() < 0.3) {
                    scenario[r] = 1;
                    x[4][r] = 6 + 2 * rnd.nextDouble();            // loud
                } else {
                    scenario[r] = 2;
                    x[0][r] = 0.8 + 0.8 * rnd.nextDouble();        // quiet: inside the normal range
                    x[1][r] = 0.8 + 0.8 * rnd.nextDouble();
                    kind[r] = 2;
                }
            }
        }
        List<Field> fields = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            fields.add(new Field("x" + j, ColumnType.NUMERIC, ColumnRole.FEATURE));
            cols.add(new Column.Numeric("x" + j, x[j]));
        }
        fields.add(new Field("kind", ColumnType.CATEGORICAL, ColumnRole.FEATURE));
        cols.add(new Column.Categorical("kind", kind, List.of("a", "b", "c")));
        fields.add(new Field("scenario", ColumnType.CATEGORICAL, ColumnRole.IGNORE));
        cols.add(new Column.Categorical("scenario", scenario, List.of("normal", "loud", "quiet")));
        return new JudgeData(new Frame(new Schema(fields), cols), y);
    }

    private static double gauss(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
