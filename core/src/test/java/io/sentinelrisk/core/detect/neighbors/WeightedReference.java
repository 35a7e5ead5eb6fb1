package io.sentinelrisk.core.detect.neighbors;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * {@code duplicates: weighted} written out plainly over every object (training row, copies
 * included), for tests: the k-distinct-distance of an object is the distance to the k-th nearest
 * location other than its own, and its neighbourhood is every other object no farther than that.
 * kNN combines the neighbourhood's distances. LOF takes its density over the k nearest other
 * locations, each once (reach-distance to a location: at least that location's
 * k-distinct-distance), and averages density ratios over those k locations plus the object's
 * own copies, each with its own density. Quadratic: small data only.
 */
final class WeightedReference {
    private final double[] x;
    private final int n;
    private final int d;
    private final int k;
    private final double[] kdd;
    private final double[] lrd;

    WeightedReference(double[] x, int n, int d, int k) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.k = k;
        kdd = new double[n];
        for (int i = 0; i < n; i++) {
            kdd[i] = kDistinctDistance(x, i * d, i);
        }
        lrd = new double[n];
        for (int i = 0; i < n; i++) {
            lrd[i] = density(x, i * d, i);
        }
    }

    private double dist(double[] q, int off, int o) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double t = q[off + j] - x[o * d + j];
            s += t * t;
        }
        return Math.sqrt(s);
    }

    /** Distance to the k-th nearest location (distinct distance > 0) among objects other than {@code self}. */
    private double kDistinctDistance(double[] q, int off, int self) {
        TreeSet<Double> locations = new TreeSet<>();
        for (int o = 0; o < n; o++) {
            double r = dist(q, off, o);
            if (o != self && r > 0) {
                locations.add(r);   // continuous data: distinct locations have distinct distances
            }
        }
        return locations.stream().skip(k - 1).findFirst().orElseThrow();
    }

    private double[] neighbourhood(double[] q, int off, int self, double radius) {
        return java.util.stream.IntStream.range(0, n).filter(o -> o != self && dist(q, off, o) <= radius)
                .mapToDouble(o -> dist(q, off, o)).sorted().toArray();
    }

    /** The object of each of the k nearest locations other than the query's own, nearest first. */
    private int[] nearestLocations(double[] q, int off, int self) {
        double radius = self >= 0 ? kdd[self] : kDistinctDistance(q, off, -1);
        TreeSet<Double> seen = new TreeSet<>();
        return java.util.stream.IntStream.range(0, n).boxed()
                .filter(o -> o != self && dist(q, off, o) > 0 && dist(q, off, o) <= radius)
                .sorted(java.util.Comparator.comparingDouble(o -> dist(q, off, o)))
                .filter(o -> seen.add(dist(q, off, o)))   // one object per location
                .mapToInt(Integer::intValue).toArray();
    }

    private double density(double[] q, int off, int self) {
        double sum = 0;
        int[] locations = nearestLocations(q, off, self);
        for (int o : locations) {
            sum += Math.max(dist(q, off, o), kdd[o]);
        }
        return 1.0 / (sum / locations.length + 1e-10);
    }

    private double factor(double[] q, int off, int self, double own) {
        double sum = 0;
        int count = 0;
        for (int o : nearestLocations(q, off, self)) {
            sum += lrd[o] / own;
            count++;
        }
        for (int o = 0; o < n; o++) {
            if (o != self && dist(q, off, o) == 0) {   // a copy of the query's own row
                sum += lrd[o] / own;
                count++;
            }
        }
        return sum / count;
    }

    private static double combine(double[] sorted, String method, double radius) {
        return switch (method) {
            case "largest" -> radius;
            case "mean" -> Arrays.stream(sorted).sum() / sorted.length;
            case "median" -> (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
            default -> throw new IllegalArgumentException(method);
        };
    }

    double knnOfTrainingRow(int i, String method) {
        return combine(neighbourhood(x, i * d, i, kdd[i]), method, kdd[i]);
    }

    double knnOfNewRow(double[] q, int off, String method) {
        double r = kDistinctDistance(q, off, -1);
        return combine(neighbourhood(q, off, -1, r), method, r);
    }

    double lofOfTrainingRow(int i) {
        return factor(x, i * d, i, lrd[i]);
    }

    double lofOfNewRow(double[] q, int off) {
        return factor(q, off, -1, density(q, off, -1));
    }
}
