package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A minimal reader for the benchmark datasets: a header, numeric feature columns and a 0/1
 * {@code label} column, no quoting. Only for bench; the product has its own CSV reader.
 *
 * @param x      the features, row-major
 * @param labels 1 = anomaly
 */
public record NumericCsv(String name, Matrix x, int[] labels) {

    public static NumericCsv read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String header = r.readLine();
            if (header == null) {
                throw new InputException(InputLocation.file(file.toString()), "empty file");
            }
            String[] names = header.split(",", -1);
            int labelCol = -1;
            for (int j = 0; j < names.length; j++) {
                if (names[j].trim().equals("label")) {
                    labelCol = j;
                }
            }
            if (labelCol < 0) {
                throw new InputException(InputLocation.line(file.toString(), 1), "expected a 'label' column, found " + header);
            }
            int d = names.length - 1;
            double[] data = new double[1024 * d];
            int[] labels = new int[1024];
            int n = 0;
            String line;
            long lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != names.length) {
                    throw new InputException(InputLocation.line(file.toString(), lineNo),
                            "expected " + names.length + " fields, found " + f.length);
                }
                if (n == labels.length) {
                    labels = java.util.Arrays.copyOf(labels, n * 2);
                    data = java.util.Arrays.copyOf(data, n * 2 * d);
                }
                int c = 0;
                for (int j = 0; j < f.length; j++) {
                    double v;
                    try {
                        v = Double.parseDouble(f[j].trim());
                    } catch (NumberFormatException e) {
                        throw new InputException(new InputLocation(file.toString(), lineNo, j + 1),
                                "expected a number, found '" + f[j] + "'");
                    }
                    if (j == labelCol) {
                        labels[n] = v == 1 ? 1 : 0;
                    } else {
                        data[n * d + c++] = v;
                    }
                }
                n++;
            }
            String name = file.getFileName().toString().replaceAll("\\.csv(\\.gz)?$", "");
            return new NumericCsv(name, new Matrix(n, d, java.util.Arrays.copyOf(data, n * d)), java.util.Arrays.copyOf(labels, n));
        }
    }

    /** Standardised copy (mean 0, population std 1 per column, as scikit-learn's StandardScaler). */
    public Matrix standardised() {
        int n = x.rows();
        int d = x.cols();
        double[] out = x.data().clone();
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += out[i * d + j];
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                double t = out[i * d + j] - mean;
                var += t * t;
            }
            double sd = Math.sqrt(var / n);
            if (sd == 0) {
                sd = 1;
            }
            for (int i = 0; i < n; i++) {
                out[i * d + j] = (out[i * d + j] - mean) / sd;
            }
        }
        return new Matrix(n, d, out);
    }
}
