package io.sentinelrisk.features.engine;

import io.sentinelrisk.core.io.CsvWriter;
import io.sentinelrisk.features.plan.FeaturePlan;
import io.sentinelrisk.features.plan.FeaturePlan.Slot;
import io.sentinelrisk.features.stream.EventRow;
import io.sentinelrisk.features.stream.StreamingFeatures;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs the streaming engine over a loaded input ({@code fs_events}) in time order, as a stream
 * would deliver it, and stores the results as {@code fs_out} like the SQL engines do. Used by
 * {@code features build --engine stream} and by the tests that compare the engines.
 */
public final class StreamRunner {
    private StreamRunner() {
    }

    public static void run(Connection duck, FeaturePlan plan, Path tmp) {
        StreamingFeatures engine = new StreamingFeatures(plan);
        EventRow row = engine.newRow();
        double[] out = new double[engine.outputCount()];
        StringBuilder cols = new StringBuilder("_row, _tms");
        for (Slot s : plan.slots()) {
            if (s.index() != plan.timestampSlot()) {
                cols.append(", c").append(s.index());
            }
        }
        Path csv = tmp.resolve("stream-out.csv");
        try (Statement st = duck.createStatement();
             ResultSet r = st.executeQuery("SELECT " + cols + " FROM fs_events ORDER BY _tms, _row");
             OutputStream os = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 16)) {
            CsvWriter w = new CsvWriter(os, ',');
            while (r.next()) {
                row.clear();
                long rowId = r.getLong(1);
                row.timestamp(r.getLong(2));
                int col = 3;
                for (Slot s : plan.slots()) {
                    if (s.index() == plan.timestampSlot()) {
                        continue;
                    }
                    switch (s.type()) {
                        case NUMERIC -> {
                            double v = r.getDouble(col);
                            row.number(s.index(), r.wasNull() ? Double.NaN : v);
                        }
                        case BOOLEAN -> {
                            boolean v = r.getBoolean(col);
                            row.bool(s.index(), r.wasNull() ? null : v);
                        }
                        default -> row.text(s.index(), r.getString(col));
                    }
                    col++;
                }
                engine.process(row, out);
                w.field(Long.toString(rowId), true);
                for (double v : out) {
                    w.field(Double.isNaN(v) ? "" : Double.toString(v), false);
                }
                w.endRow();
            }
            w.flush();
        } catch (SQLException e) {
            throw DuckDbs.failure("cannot read the events for the streaming engine", e);
        } catch (IOException e) {
            throw new io.sentinelrisk.core.error.SentinelException("cannot write " + csv + ": " + e.getMessage(), e);
        }
        SqlEngine.loadOut(duck, plan, csv);
    }
}
