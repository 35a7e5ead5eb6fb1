package io.sentinelrisk.core.evaluate.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads NAB's files: the label windows ({@code labels/combined_windows.json}) and a detector's
 * results CSV ({@code timestamp,value,anomaly_score,...}, NAB's {@code results/<detector>/...}).
 * Timestamps are NAB's {@code yyyy-MM-dd HH:mm:ss[.ffffff]}, read as UTC seconds.
 */
public final class NabFiles {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");
    private static final DateTimeFormatter SHOW = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private NabFiles() {
    }

    /**
     * A results file: row timestamps and every numeric column by its header name.
     *
     * @param columns numeric columns in header order ({@code value}, {@code anomaly_score}, ...)
     */
    public record Table(Path file, long[] timestamps, Map<String, double[]> columns) {
        public double[] column(String name) {
            double[] c = columns.get(name);
            if (c == null) {
                throw new InputException(InputLocation.line(file.toString(), 1),
                        "no column '" + name + "' (columns: timestamp, " + String.join(", ", columns.keySet()) + ")");
            }
            return c;
        }
    }

    /** The windows of every file: corpus path (e.g. {@code realKnownCause/nyc_taxi.csv}) to its windows. */
    public static Map<String, List<NabWindow>> readWindows(Path json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new InputException(InputLocation.file(json.toString()), "not readable JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InputException(InputLocation.file(json.toString()),
                    "expected an object of file name to a list of [start, end] windows");
        }
        Map<String, List<NabWindow>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<NabWindow> windows = new ArrayList<>();
            for (JsonNode w : e.getValue()) {
                if (!w.isArray() || w.size() != 2 || !w.get(0).isTextual() || !w.get(1).isTextual()) {
                    throw new InputException(InputLocation.file(json.toString()),
                            e.getKey() + ": expected windows as [\"start\", \"end\"] timestamps, got " + w);
                }
                long start = parseTime(w.get(0).asText(), json, e.getKey());
                long end = parseTime(w.get(1).asText(), json, e.getKey());
                if (end < start || (!windows.isEmpty() && start <= windows.get(windows.size() - 1).end())) {
                    throw new InputException(InputLocation.file(json.toString()),
                            e.getKey() + ": windows must be in time order and not overlap, at " + w);
                }
                windows.add(new NabWindow(start, end));
            }
            out.put(e.getKey(), List.copyOf(windows));
        }
        return out;
    }

    private static long parseTime(String text, Path json, String key) {
        try {
            return toSeconds(LocalDateTime.parse(text, TIME));
        } catch (DateTimeParseException ex) {
            throw new InputException(InputLocation.file(json.toString()),
                    key + ": '" + text + "' is not a timestamp yyyy-MM-dd HH:mm:ss[.ffffff]");
        }
    }

    private static long toSeconds(LocalDateTime t) {
        if (t.getNano() != 0) {
            // NAB matches window edges to row times exactly; its data is at whole seconds.
            throw new DateTimeParseException("fractions of a second are not supported", t.toString(), 0);
        }
        return t.toEpochSecond(ZoneOffset.UTC);
    }

    /** NAB's timestamp text of a time in seconds since the epoch (UTC). */
    public static String format(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC).format(SHOW);
    }

    /** A NAB data or results CSV: a {@code timestamp} column and numeric columns. */
    public static Table readTable(Path csv) {
        String name = csv.toString();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new InputException(InputLocation.line(name, 1), "empty file, expected a header timestamp,...");
            }
            String[] names = header.split(",", -1);
            if (!names[0].equals("timestamp")) {
                throw new InputException(new InputLocation(name, 1, 1), "expected the first column 'timestamp', got '"
                        + names[0] + "'");
            }
            int cols = names.length;
            long[] t = new long[1024];
            double[][] values = new double[cols - 1][1024];
            int n = 0;
            long lineNo = 1;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                if (n == t.length) {
                    t = Arrays.copyOf(t, n * 2);
                    for (int c = 0; c < cols - 1; c++) {
                        values[c] = Arrays.copyOf(values[c], n * 2);
                    }
                }
                int start = 0;
                for (int c = 0; c < cols; c++) {
                    int comma = line.indexOf(',', start);
                    int stop = comma < 0 ? line.length() : comma;
                    if ((comma < 0) != (c == cols - 1)) {
                        throw new InputException(new InputLocation(name, lineNo, c + 1),
                                "expected " + cols + " fields as in the header");
                    }
                    String field = line.substring(start, stop);
                    try {
                        if (c == 0) {
                            t[n] = toSeconds(LocalDateTime.parse(field, TIME));
                        } else {
                            values[c - 1][n] = Double.parseDouble(field);
                        }
                    } catch (DateTimeParseException e) {
                        throw new InputException(new InputLocation(name, lineNo, c + 1),
                                "expected a timestamp yyyy-MM-dd HH:mm:ss, got '" + field + "'");
                    } catch (NumberFormatException e) {
                        throw new InputException(new InputLocation(name, lineNo, c + 1),
                                "expected a number in column '" + names[c] + "', got '" + field + "'");
                    }
                    start = stop + 1;
                }
                n++;
            }
            Map<String, double[]> columns = new LinkedHashMap<>();
            for (int c = 1; c < cols; c++) {
                columns.put(names[c], Arrays.copyOf(values[c - 1], n));
            }
            return new Table(csv, Arrays.copyOf(t, n), columns);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }
}
