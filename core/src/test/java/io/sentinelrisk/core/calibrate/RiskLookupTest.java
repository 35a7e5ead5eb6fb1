package io.sentinelrisk.core.calibrate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The bucketed search gives Calibration.risk's risk bit for bit, whatever the grid and the score. */
class RiskLookupTest {
    private static void sameRisks(double[] grid, SplittableRandom random) {
        Arrays.sort(grid);
        Calibration c = new Calibration(grid, grid[grid.length - 1], grid[grid.length - 1], grid[0], grid[0], Double.NaN);
        RiskLookup lookup = new RiskLookup(c);
        List<Double> scores = new ArrayList<>(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
                Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE));
        for (double g : grid) {   // every grid value and its neighbours: ties and the edges of buckets
            scores.add(g);
            scores.add(Math.nextUp(g));
            scores.add(Math.nextDown(g));
        }
        double lo = grid[0];
        double hi = grid[grid.length - 1];
        for (int i = 0; i < 20_000; i++) {
            scores.add(lo + (hi - lo) * random.nextDouble());
            scores.add(lo + (hi - lo) * (random.nextInt(1 << 14) / (double) (1 << 14)));   // on bucket bounds
        }
        for (double s : scores) {
            assertThat(Double.doubleToRawLongBits(lookup.risk(s))).as("score %s", s)
                    .isEqualTo(Double.doubleToRawLongBits(c.risk(s)));
        }
    }

    @Test
    void scoresOfAnIsolationForestGrid() {
        SplittableRandom random = new SplittableRandom(1);
        double[] grid = new double[10_001];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = 0.45 + 0.03 * random.nextGaussian() + (i % 100 == 0 ? 0.2 * random.nextDouble() : 0);
        }
        sameRisks(grid, random);
    }

    @Test
    void gridsWithTiesZerosAndNegativeValues() {
        SplittableRandom random = new SplittableRandom(2);
        for (int round = 0; round < 40; round++) {
            int n = 1 + random.nextInt(3_000);
            double[] grid = new double[n];
            for (int i = 0; i < n; i++) {
                grid[i] = switch (random.nextInt(5)) {
                    case 0 -> 0.0;
                    case 1 -> -0.0;
                    case 2 -> random.nextInt(-5, 6);                  // many ties
                    case 3 -> random.nextGaussian() * Math.pow(10, random.nextInt(-8, 8));
                    default -> random.nextDouble();
                };
            }
            sameRisks(grid, random);
        }
    }

    @Test
    void oneValueTinyAndHugeSpans() {
        SplittableRandom random = new SplittableRandom(3);
        sameRisks(new double[] {0.5}, random);
        sameRisks(new double[] {0.5, 0.5, 0.5}, random);
        sameRisks(new double[] {1.0, Math.nextUp(1.0), Math.nextUp(Math.nextUp(1.0))}, random);
        sameRisks(new double[] {Double.MIN_VALUE, 2 * Double.MIN_VALUE, 5 * Double.MIN_VALUE}, random);   // span too small to divide by
        sameRisks(new double[] {-Double.MAX_VALUE, 0, Double.MAX_VALUE}, random);                           // span overflows
        sameRisks(new double[] {Double.NEGATIVE_INFINITY, 0.2, 0.3, Double.POSITIVE_INFINITY}, random);
        double[] clustered = new double[5_000];   // nearly every value in one bucket, an outlier at the end
        for (int i = 0; i < clustered.length - 1; i++) {
            clustered[i] = 1e-9 * random.nextDouble();
        }
        clustered[clustered.length - 1] = 1.0;
        sameRisks(clustered, random);
    }

    @Test
    void aGridNotInTheSearchsOrderIsSearchedWhole() {
        // numerically sorted, as a calibration asks, but 0.0 before -0.0
        double[] grid = {-1.0, 0.0, -0.0, 0.0, 2.0};
        Calibration c = new Calibration(grid, 2.0, 2.0, -1.0, -1.0, Double.NaN);
        RiskLookup lookup = new RiskLookup(c);
        for (double s : new double[] {-0.5, 0.0, -0.0, Double.MIN_VALUE, 1.0, 2.0}) {
            assertThat(Double.doubleToRawLongBits(lookup.risk(s))).isEqualTo(Double.doubleToRawLongBits(c.risk(s)));
        }
    }
}
