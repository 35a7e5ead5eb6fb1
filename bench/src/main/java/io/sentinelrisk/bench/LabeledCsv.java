package io.sentinelrisk.bench;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The benchmark datasets' CSV: a header row, numeric feature columns and a 0/1 label column
 * ({@code .gz} read transparently). Only for benchmarks, where the file is known to be plain;
 * the product reads CSV with its own reader.
 *
 * @param labels 1 = anomaly, 0 = normal
 */
public record LabeledCsv(String name, String[] featureNames, Matrix x, int[] labels) {

    public int anomalies() {
        int n = 0;
        for (int l : labels) {
            n += l;
        }
        return n;
    }

    public static LabeledCsv load(Path path, String labelColumn) {
        String file = path.toString();
        try (InputStream raw = Files.newInputStream(path);
             InputStream in = file.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String header = reader.readLine();
            if (header == null) {
                throw new InputException(InputLocation.line(file, 1), "expected a header row, found an empty file");
            }
            String[] names = header.split(",", -1);
            int label = -1;
            for (int i = 0; i < names.length; i++) {
                names[i] = names[i].strip();
                if (names[i].equals(labelColumn)) {
                    label = i;
                }
            }
            if (label < 0) {
                throw new InputException(InputLocation.line(file, 1),
                        "expected a '" + labelColumn + "' column, found " + String.join(",", names));
            }
            int cols = names.length - 1;
            String[] features = new String[cols];
            for (int i = 0, j = 0; i < names.length; i++) {
                if (i != label) {
                    features[j++] = names[i];
                }
            }
            double[] data = new double[1024 * cols];
            int[] labels = new int[1024];
            int rows = 0;
            long lineNo = 1;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (rows == labels.length) {
                    labels = Arrays.copyOf(labels, rows * 2);
                    data = Arrays.copyOf(data, rows * 2 * cols);
                }
                int start = 0;
                int j = 0;
                for (int i = 0; i < names.length; i++) {
                    int end = line.indexOf(',', start);
                    if (end < 0) {
                        end = line.length();
                        if (i < names.length - 1) {
                            throw new InputException(new InputLocation(file, lineNo, i + 1),
                                    "expected " + names.length + " fields, found " + (i + 1));
                        }
                    }
                    double v = parse(line, start, end, file, lineNo, i + 1);
                    if (i == label) {
                        labels[rows] = v == 1.0 ? 1 : 0;
                    } else {
                        data[rows * cols + j++] = v;
                    }
                    start = end + 1;
                }
                if (start <= line.length()) {
                    throw new InputException(new InputLocation(file, lineNo, names.length + 1),
                            "expected " + names.length + " fields, found more");
                }
                rows++;
            }
            String name = path.getFileName().toString();
            return new LabeledCsv(name, features, new Matrix(rows, cols, Arrays.copyOf(data, rows * cols)),
                    Arrays.copyOf(labels, rows));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static double parse(String line, int start, int end, String file, long lineNo, int col) {
        String field = line.substring(start, end).strip();
        try {
            double v = Double.parseDouble(field);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InputException(new InputLocation(file, lineNo, col), "expected a finite number, found '" + field + "'");
        }
    }
}
