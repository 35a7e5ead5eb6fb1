package io.sentinelrisk.core.detect.iforest;

import io.sentinelrisk.core.data.Matrix;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded data generators and the labelled test datasets. */
final class TestData {
    private TestData() {
    }

    /** Features and 0/1 labels (1 = anomaly). */
    record Labeled(Matrix x, int[] labels) {
        int anomalies() {
            int n = 0;
            for (int l : labels) {
                n += l;
            }
            return n;
        }
    }

    /**
     * {@code inliers} rows from a standard normal in {@code dims} dimensions, then
     * {@code outliers} rows on a shell of radius 6 to 9 (in random directions): far from the
     * cloud, so every sensible detector ranks them first.
     */
    static Labeled plantedOutliers(long seed, int inliers, int outliers, int dims) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int rows = inliers + outliers;
        double[] data = new double[rows * dims];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            boolean outlier = r >= inliers;
            double norm = 0;
            for (int j = 0; j < dims; j++) {
                double g = gaussian(rnd);
                data[r * dims + j] = g;
                norm += g * g;
            }
            if (outlier) {
                labels[r] = 1;
                double radius = 6.0 + 3.0 * rnd.nextDouble();
                double scale = radius / Math.sqrt(norm);
                for (int j = 0; j < dims; j++) {
                    data[r * dims + j] *= scale;
                }
            }
        }
        return new Labeled(new Matrix(rows, dims, data), labels);
    }

    static Matrix gaussian(long seed, int rows, int dims) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] data = new double[rows * dims];
        for (int i = 0; i < data.length; i++) {
            data[i] = gaussian(rnd);
        }
        return new Matrix(rows, dims, data);
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box–Muller: enough for test data, and fully determined by the seed.
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    /** A dataset of {@code src/test/resources/datasets}: numeric features, last column {@code label}. */
    static Labeled dataset(String name) {
        String path = "/datasets/" + name;
        try (InputStream in = TestData.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] header = reader.readLine().split(",");
            if (!header[header.length - 1].equals("label")) {
                throw new IllegalStateException(path + ": last column is not 'label'");
            }
            int cols = header.length - 1;
            List<double[]> rows = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    String[] f = line.split(",");
                    double[] row = new double[cols + 1];
                    for (int j = 0; j <= cols; j++) {
                        row[j] = Double.parseDouble(f[j]);
                    }
                    rows.add(row);
                }
            }
            double[] data = new double[rows.size() * cols];
            int[] labels = new int[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                System.arraycopy(rows.get(r), 0, data, r * cols, cols);
                labels[r] = rows.get(r)[cols] == 1.0 ? 1 : 0;
            }
            return new Labeled(new Matrix(rows.size(), cols, data), labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
