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

/**
 * The endless event stream of one demo source: the generated data set after the training part,
 * then the same data set again, each time shifted by its period (so every entity's events stay in
 * time order), each row as the JSON event a client would POST: the model's input fields (not the
 * label or scenario answer columns) and a unique {@code event_id}. Not thread-safe (the feed's
 * one thread reads it).
 */
final class DemoEvents {
    private final DemoSource source;
    private final Schema input;
    private final long seed;
    private final Instant start;
    private Frame chunk;
    private int[] order;
    private int next;
    private int chunkIndex;
    /** Makes event ids unique across runs on one store: the run's start second. */
    private final long run = Instant.now().getEpochSecond();
    private long sequence;

    /**
     * Events of {@code source}'s data set generated from {@code start} with {@code seed}, from
     * the end of its training part on, in the fields of a model reading {@code input}.
     */
    DemoEvents(DemoSource source, Schema input, Instant start, long seed) {
        this.source = source;
        this.input = input;
        this.start = start;
        this.seed = seed;
        this.chunk = source.generate(start, seed);
        this.order = timeOrder(chunk, source.split(start).toEpochMilli(), Long.MAX_VALUE);
    }

    /** The next event. */
    ObjectNode next() {
        if (next == order.length) {
            chunkIndex++;
            chunk = source.generate(start.plus((long) chunkIndex * source.days, ChronoUnit.DAYS), seed);
            order = timeOrder(chunk, Long.MIN_VALUE, Long.MAX_VALUE);
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

    /**
     * Indices of the rows with event times in [{@code from}, {@code to}), by event time (stable):
     * the feature plans refuse an entity's event older than its last.
     */
    static int[] timeOrder(Frame frame, long from, long to) {
        long[] ms = ((Column.Timestamp) frame.column(frame.schema().indexOf("timestamp"))).epochMillis();
        return java.util.stream.IntStream.range(0, frame.rows()).filter(r -> ms[r] >= from && ms[r] < to).boxed()
                .sorted((a, b) -> Long.compare(ms[a], ms[b])).mapToInt(Integer::intValue).toArray();
    }
}
