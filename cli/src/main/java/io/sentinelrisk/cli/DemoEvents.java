package io.sentinelrisk.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * The endless event stream of one demo source: generated data sets one after the other (each
 * starting where the last ended, so every entity's events stay in time order), each row as the
 * JSON event a client would POST: the model's input fields (not the label or scenario answer
 * columns) and a unique {@code event_id}. Not thread-safe (the feed's one thread reads it).
 */
final class DemoEvents {
    private final DemoSource source;
    private final Schema input;
    private final long seed;
    private final Instant start;
    private Frame chunk;
    private int[] order;
    private int next;
    private int chunkIndex = -1;
    /** Makes event ids unique across runs on one store: the run's start second. */
    private final long run = Instant.now().getEpochSecond();
    private long sequence;

    /** Events of {@code source} from {@code start}, in the fields of a model reading {@code input}. */
    DemoEvents(DemoSource source, Schema input, Instant start, long seed) {
        this.source = source;
        this.input = input;
        this.start = start;
        this.seed = seed;
    }

    /** The next event. */
    ObjectNode next() {
        if (chunk == null || next == order.length) {
            chunkIndex++;
            chunk = source.generate(start.plus((long) chunkIndex * source.days, ChronoUnit.DAYS), seed + 1 + chunkIndex, true);
            order = timeOrder(chunk);
            next = 0;
        }
        int r = order[next++];
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (Field f : input.fields()) {
            int c = chunk.schema().indexOf(f.name());
            if (c < 0 || f.role() == ColumnRole.LABEL || f.name().equals("scenario") || f.name().equals("label")) {
                continue;
            }
            Column col = chunk.column(c);
            if (col.isMissing(r)) {
                o.putNull(f.name());
                continue;
            }
            switch (f.type()) {
                case NUMERIC -> {
                    if (col instanceof Column.Numeric n) {
                        o.put(f.name(), n.values()[r]);
                    } else {
                        o.put(f.name(), chunk.text(c, r));
                    }
                }
                case BOOLEAN -> o.put(f.name(), "true".equals(chunk.text(c, r)));
                case TIMESTAMP -> o.put(f.name(), col instanceof Column.Timestamp t
                        ? Instant.ofEpochMilli(t.epochMillis()[r]).toString() : chunk.text(c, r));
                case CATEGORICAL -> o.put(f.name(), chunk.text(c, r));
            }
        }
        // a model that read the generator's numeric event_id column takes a number there
        int id = input.indexOf("event_id");
        if (id >= 0 && input.field(id).type() == io.sentinelrisk.core.data.ColumnType.NUMERIC) {
            o.put("event_id", run * 1_000_000L + sequence++);
        } else {
            o.put("event_id", source.source + "-" + run + "-" + sequence++);
        }
        return o;
    }

    /** Row indices by event time (stable): the feature plans refuse an entity's event older than its last. */
    private static int[] timeOrder(Frame frame) {
        int c = frame.schema().indexOf("timestamp");
        Integer[] rows = new Integer[frame.rows()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        if (c >= 0 && frame.column(c) instanceof Column.Timestamp t) {
            long[] ms = t.epochMillis();
            Arrays.sort(rows, (a, b) -> Long.compare(ms[a], ms[b]));
        }
        return Arrays.stream(rows).mapToInt(Integer::intValue).toArray();
    }
}
