package io.sentinelrisk.core.ingest;

import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.export.AlertExport;
import io.sentinelrisk.core.export.RecordAlerts;
import io.sentinelrisk.core.export.ScoredData;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.core.pipeline.Scorer;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data read to be scored takes the roles the model was trained with, not the ones the config alone
 * gives: a column the training rules made a key ({@code device_id} by its name, {@code session} by
 * its distinct values) is a key in every file the model scores, read whole or block by block, so an
 * alert's {@code id} and {@code alert_id} do not depend on the path that made it.
 */
class ScoringRolesTest {
    private static final SentinelConfig CONFIG = SentinelConfig.defaults();
    @TempDir
    static Path dir;
    static Pipeline pipeline;
    static Path later;

    @BeforeAll
    static void train() throws IOException {
        Path train = write("train.csv", 300, 1);
        later = write("later.csv", 7, 2);
        Dataset d = DatasetLoader.load(train, CONFIG, null, false, null);
        pipeline = new PipelineTrainer(CONFIG).fit(d.frame(), null).pipeline();
        assertThat(roleOf(pipeline.schema(), "device_id")).as("an id by its name").isEqualTo(ColumnRole.ID);
        assertThat(roleOf(pipeline.schema(), "session")).as("an id by its distinct values").isEqualTo(ColumnRole.ID);
    }

    /** SOC-like events: a device per few rows, a session per row, a user among 8, an amount; nothing named as an id. */
    private static Path write(String name, int rows, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>();
        lines.add("device_id,session,user,amount");
        for (int i = 0; i < rows; i++) {
            lines.add("d" + r.nextInt(rows / 3 + 1) + "," + Long.toHexString(r.nextLong()) + ",u" + r.nextInt(8)
                    + "," + Math.round(r.nextDouble() * 1000) / 10.0);
        }
        return Files.write(dir.resolve(name), lines);
    }

    private static ColumnRole roleOf(Frame f, String column) {
        return roleOf(f.schema(), column);
    }

    private static ColumnRole roleOf(Schema s, String column) {
        return s.field(s.indexOf(column)).role();
    }

    @Test
    void aFileReadWholeForAModelHasItsTrainedRoles() {
        Dataset d = DatasetLoader.load(later, pipeline.config(), null, false, pipeline.inputSchema());
        assertThat(roleOf(d.frame(), "device_id")).isEqualTo(ColumnRole.ID);
        assertThat(roleOf(d.frame(), "session")).isEqualTo(ColumnRole.ID);
        assertThat(roleOf(d.frame(), "user")).isEqualTo(ColumnRole.FEATURE);
        sameAlertIds(d);
    }

    @Test
    void aFileReadInBlocksForAModelHasItsTrainedRoles() {
        try (DatasetBlocks blocks = DatasetBlocks.open(later, pipeline.config(), false, pipeline.inputSchema(), 3)) {
            int seen = 0;
            for (Dataset b = blocks.next(); b != null; b = blocks.next()) {
                assertThat(roleOf(b.frame(), "device_id")).isEqualTo(ColumnRole.ID);
                assertThat(roleOf(b.frame(), "session")).isEqualTo(ColumnRole.ID);
                assertThat(roleOf(b.frame(), "amount")).isEqualTo(ColumnRole.FEATURE);
                seen += b.rows();
            }
            assertThat(seen).isEqualTo(7);
        }
    }

    @Test
    void trainingDataIsReadWithTheConfigRolesOnly() {
        Dataset d = DatasetLoader.load(later, CONFIG, null, false, null);
        assertThat(roleOf(d.frame(), "device_id")).as("the training rules decide it when fitting").isEqualTo(ColumnRole.FEATURE);
    }

    /** The record path's alerts (RecordAlerts on the frame as read) equal the batch export's (ScoredData). */
    private static void sameAlertIds(Dataset d) {
        ScoredBatch s = pipeline.score(d.frame(), d.source(), 1);
        ScoredData batch = new ScoredData(d.source(), d.frame(), s, pipeline, null, d.lineNumbers());
        var records = RecordAlerts.of(pipeline, d.frame(), new Scorer(pipeline).score(d.frame(), d.source(), 1), d.source());
        for (int r = 0; r < d.rows(); r++) {
            var exported = AlertExport.alert(batch, r, 2);
            assertThat(records.get(r).id()).as("row %d", r).isInstanceOf(Map.class).isEqualTo(exported.id());
            assertThat(records.get(r).alertId()).as("row %d", r).isEqualTo(exported.alertId());
        }
    }
}
