package io.sentinelrisk.features.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small RFC 4180 reader for test outputs (quoted fields, no embedded line breaks). */
public final class Csv {
    public final List<String> header;
    public final List<List<String>> rows;

    private Csv(List<String> header, List<List<String>> rows) {
        this.header = header;
        this.rows = rows;
    }

    public static Csv read(Path path) {
        try {
            List<String> lines = Files.readAllLines(path);
            List<String> header = split(lines.get(0));
            List<List<String>> rows = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                rows.add(split(lines.get(i)));
            }
            return new Csv(header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int col(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + header);
        }
        return i;
    }

    public String get(int row, String column) {
        return rows.get(row).get(col(column));
    }

    /** The value as a double, NaN when empty. */
    public double num(int row, String column) {
        String s = get(row, column);
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    /** column → values, for the given columns. */
    public Map<String, double[]> numbers(List<String> columns) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String c : columns) {
            double[] v = new double[rows.size()];
            for (int r = 0; r < v.length; r++) {
                v[r] = num(r, c);
            }
            out.put(c, v);
        }
        return out;
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        sb.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    sb.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        out.add(sb.toString());
        return out;
    }
}
