package io.sentinelrisk.stream.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.io.CsvOptions;
import io.sentinelrisk.core.io.CsvReader;
import io.sentinelrisk.core.io.CsvTable;
import io.sentinelrisk.core.io.Timestamps;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a CSV or JSON Lines file of events into JSON objects in event-time order (a stable sort:
 * ties keep the file's order). CSV values are sent as the text the file holds (empty fields left
 * out), so a scorer reads them exactly as {@code sentinel score} reads the file; JSON Lines
 * objects are sent as they are. The whole file is held in memory.
 */
public final class EventFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tried in this order when no time field is named. */
    static final List<String> TIME_FIELDS = List.of("timestamp", "event_time", "time", "ts");

    private EventFile() {
    }

    /**
     * @param timeField the event time field; null: the first of {@link #TIME_FIELDS} present, else file order
     * @param keyField  the field whose value keys each Kafka message (the entity), or null
     */
    public static List<SimEvent> read(Path file, String timeField, String keyField) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(InputLocation.file(file.toString()), "no such file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<SimEvent> events = name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")
                ? jsonLines(file, timeField, keyField) : csv(file, timeField, keyField);
        List<SimEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(SimEvent::time));   // stable
        return sorted;
    }

    private static List<SimEvent> csv(Path file, String timeField, String keyField) {
        // every column as text: what the file says, not a number re-printed
        Frame header = CsvReader.readTable(file, CsvOptions.DEFAULTS).frame();
        Map<String, ColumnType> text = new HashMap<>();
        for (String n : header.schema().names()) {
            text.put(n, ColumnType.CATEGORICAL);
        }
        CsvTable table = CsvReader.readTable(file, CsvOptions.DEFAULTS.withTypes(text));
        Frame f = table.frame();
        List<String> names = f.schema().names();
        String time = timeColumn(names, timeField, file);
        requireField(names, keyField, "--entity-field", file);
        int tc = time == null ? -1 : names.indexOf(time);
        int kc = keyField == null ? -1 : names.indexOf(keyField);
        List<SimEvent> out = new ArrayList<>(f.rows());
        for (int r = 0; r < f.rows(); r++) {
            ObjectNode o = JSON.createObjectNode();
            for (int c = 0; c < names.size(); c++) {
                if (!f.column(c).isMissing(r)) {
                    o.put(names.get(c), f.text(c, r));
                }
            }
            long t = tc < 0 ? Long.MIN_VALUE : time(f.column(tc).isMissing(r) ? "" : f.text(tc, r), file, table.rowLines()[r], time);
            out.add(new SimEvent(t, o.toString(), kc < 0 || f.column(kc).isMissing(r) ? null : f.text(kc, r)));
        }
        return out;
    }

    private static List<SimEvent> jsonLines(Path file, String timeField, String keyField) {
        List<SimEvent> out = new ArrayList<>();
        String time = timeField;
        boolean decided = timeField != null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new InputException(InputLocation.line(file.toString(), n), "column "
                            + (e.getLocation() == null ? 1 : e.getLocation().getColumnNr()) + ": expected one JSON object per line: "
                            + e.getOriginalMessage());
                }
                if (!node.isObject()) {
                    throw new InputException(InputLocation.line(file.toString(), n), "expected one JSON object per line");
                }
                if (!decided) {
                    time = TIME_FIELDS.stream().filter(node::has).findFirst().orElse(null);
                    decided = true;
                }
                long t = Long.MIN_VALUE;
                if (time != null) {
                    JsonNode v = node.get(time);
                    t = time(v == null || v.isNull() ? "" : v.asText(), file, n, time);
                }
                JsonNode k = keyField == null ? null : node.get(keyField);
                out.add(new SimEvent(t, node.toString(), k == null || k.isNull() ? null : k.asText()));
            }
        } catch (NoSuchFileException e) {
            throw new InputException(InputLocation.file(file.toString()), "no such file");
        } catch (IOException e) {
            throw new InputException(InputLocation.file(file.toString()), "cannot read: " + e.getMessage());
        }
        return out;
    }

    private static String timeColumn(List<String> names, String timeField, Path file) {
        if (timeField != null) {
            requireField(names, timeField, "--time-field", file);
            return timeField;
        }
        return TIME_FIELDS.stream().filter(names::contains).findFirst().orElse(null);
    }

    private static void requireField(List<String> names, String field, String flag, Path file) {
        if (field != null && !names.contains(field)) {
            throw new InputException(InputLocation.file(file.toString()), flag + " '" + field + "' is not a column (its columns: "
                    + String.join(", ", names) + ")");
        }
    }

    /** An ISO-8601 time, or epoch seconds or milliseconds (by magnitude); a clear error otherwise. */
    static long time(String text, Path file, long line, String field) {
        String t = text.trim();
        long ms = t.isEmpty() ? Long.MIN_VALUE : Timestamps.parse(t);
        if (ms == Long.MIN_VALUE && !t.isEmpty()) {
            try {
                double v = Double.parseDouble(t);
                ms = Math.abs(v) < 1e11 ? (long) (v * 1000) : (long) v;
            } catch (NumberFormatException e) {
                ms = Long.MIN_VALUE;
            }
        }
        if (ms == Long.MIN_VALUE) {
            throw new InputException(InputLocation.line(file.toString(), line), "field '" + field
                    + "': expected an event time (ISO-8601, epoch seconds or milliseconds), found '" + t + "'");
        }
        return ms;
    }
}
