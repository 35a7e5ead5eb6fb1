package io.sentinelrisk.core.export;

import io.sentinelrisk.core.bundle.ModelId;
import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The scorecard's alert ids, severities and flags, written as bytes, are the texts AlertIds and Severity give. */
class ScorecardExportTest {
    private static final Pipeline PIPELINE = pipeline();

    private static Pipeline pipeline() {
        Random rnd = new Random(7);
        double[] x = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        Frame f = new Frame(new Schema(List.of(new Field("x", ColumnType.NUMERIC, ColumnRole.FEATURE))),
                List.of(new Column.Numeric("x", x)));
        return new PipelineTrainer(SentinelConfig.defaults()).fit(f, null).pipeline();
    }

    private static List<String[]> scorecard(Frame frame, long firstRecord) {
        int n = frame.rows();
        Severity[] sev = new Severity[n];
        boolean[] flag = new boolean[n];
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            sev[i] = Severity.values()[i % Severity.values().length];
            flag[i] = i % 3 == 0;
            score[i] = i / 7.0;
        }
        ScoredData data = new ScoredData("in.csv", frame, new ScoredBatch(score, score.clone(), sev, flag), PIPELINE, null, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ScorecardExport.Rows rows = new ScorecardExport.Rows(out, data, ',');
        rows.header(frame);
        rows.write(data, firstRecord);
        rows.flush();
        return out.toString(StandardCharsets.UTF_8).lines().skip(1).map(l -> l.split(",", -1)).toList();
    }

    @Test
    void rowsWithoutAnIdColumnGetTheirRowsIds() {
        double[] x = {1, 2, 3, 4, 5, 6, 7};
        Frame frame = new Frame(new Schema(List.of(new Field("x", ColumnType.NUMERIC, ColumnRole.FEATURE))),
                List.of(new Column.Numeric("x", x)));
        List<String[]> lines = scorecard(frame, 65_530);
        String model = ModelId.of(PIPELINE);
        for (int r = 0; r < x.length; r++) {
            String[] cells = lines.get(r);
            assertThat(cells[3]).isEqualTo(Severity.values()[r % Severity.values().length].id());
            assertThat(cells[4]).isEqualTo(r % 3 == 0 ? "true" : "false");
            assertThat(cells[5]).isEqualTo(AlertIds.of(model, "in.csv", 65_530 + r, null));
        }
    }

    @Test
    void rowsWithAnIdGetTheIdsOfTheirKeysAndRowsWithoutOneTheirRowsIds() {
        double[] x = {1, 2, 3, 4};
        int[] user = {0, -1, 1, 0};   // the second row has no id
        Frame frame = new Frame(new Schema(List.of(new Field("x", ColumnType.NUMERIC, ColumnRole.FEATURE),
                new Field("user", ColumnType.CATEGORICAL, ColumnRole.ID))),
                List.of(new Column.Numeric("x", x), new Column.Categorical("user", user, List.of("ann", "bob"))));
        List<String[]> lines = scorecard(frame, 10);
        String model = ModelId.of(PIPELINE);
        for (int r = 0; r < x.length; r++) {
            assertThat(lines.get(r)[6]).isEqualTo(AlertIds.of(model, "in.csv", 10 + r, RecordValues.id(frame, r)));
        }
        assertThat(lines.get(0)[6]).isEqualTo(lines.get(3)[6]).isNotEqualTo(lines.get(2)[6]);   // the same user, the same id
    }
}
