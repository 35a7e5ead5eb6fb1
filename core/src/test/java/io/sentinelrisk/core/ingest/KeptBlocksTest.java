package io.sentinelrisk.core.ingest;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blocks a first pass keeps are handed to the second exactly as reading the file again for the
 * model would give them: the same types, roles, values (bit for bit, floats or not), labels and
 * line numbers; past the budget, or read with another type than the model's, none are kept.
 */
class KeptBlocksTest {
    private static final SentinelConfig CONFIG = SentinelConfig.defaults();
    @TempDir
    static Path dir;
    static Path file;
    static Pipeline pipeline;

    @BeforeAll
    static void train() throws IOException {
        SplittableRandom r = new SplittableRandom(5);
        List<String> lines = new ArrayList<>();
        lines.add("device_id,session,user,amount,count,ratio,seen,label");
        for (int i = 0; i < 400; i++) {
            if (i % 97 == 50) {
                lines.add("");   // a blank line: the line numbers after it do not run on
            }
            lines.add("d" + r.nextInt(60) + "," + Long.toHexString(r.nextLong()) + ",u" + r.nextInt(8)
                    + "," + Math.round(r.nextDouble() * 1000) / 10.0            // decimals: not floats
                    + "," + (i % 13 == 0 ? "" : Integer.toString(r.nextInt(5000)))   // whole numbers and missing: floats
                    + "," + (r.nextInt(4) * 0.25 - 0.5)                          // quarters, -0.0 among them: floats
                    + ",2026-01-0" + (1 + i % 9) + "T10:00:00Z"
                    + "," + (i % 40 == 0 ? 1 : 0));
        }
        file = Files.write(dir.resolve("train.csv"), lines);
        Dataset whole = DatasetLoader.load(file, CONFIG, null, false, null);
        pipeline = new PipelineTrainer(CONFIG).fit(whole.frame(), whole.labels()).pipeline();
    }

    private static KeptBlocks firstPass(long budget, int blockRows) {
        KeptBlocks kept = new KeptBlocks(budget);
        try (DatasetBlocks blocks = DatasetBlocks.open(file, CONFIG, false, null, blockRows)) {
            for (Dataset b = blocks.next(); b != null; b = blocks.next()) {
                kept.add(b);
            }
        }
        return kept;
    }

    @Test
    void replayedBlocksAreTheFileReadAgainForTheModel() {
        KeptBlocks kept = firstPass(1 << 20, 37);
        assertThat(kept.complete()).isTrue();
        assertThat(kept.bytes()).isPositive();
        assertThat(kept.frames()).hasSize((400 + 36) / 37).allSatisfy(f -> assertThat(f.rows()).isBetween(1, 37));
        int rows = 0;
        try (BlockSource replay = kept.replay(pipeline.inputSchema());
             DatasetBlocks again = DatasetBlocks.open(file, CONFIG, false, pipeline.inputSchema(), 37)) {
            assertThat(replay.labelled()).isEqualTo(again.labelled()).isTrue();
            Dataset a = replay.next();
            Dataset b = again.next();
            for (; b != null; a = replay.next(), b = again.next()) {
                assertThat(a).isNotNull();
                assertThat(a.frame().schema()).isEqualTo(b.frame().schema());
                for (int c = 0; c < b.frame().columnCount(); c++) {
                    assertThat(bits(a.frame().column(c))).as("column %d", c).isEqualTo(bits(b.frame().column(c)));
                }
                assertThat(a.labels()).isEqualTo(b.labels());
                assertThat(a.lineNumbers()).isEqualTo(b.lineNumbers());
                assertThat(a.source()).isEqualTo(b.source());
                rows += b.rows();
            }
            assertThat(a).isNull();
        }
        assertThat(rows).isEqualTo(400);
    }

    /** A column's name, values (doubles as their raw bits) and dictionary, to compare exactly. */
    private static List<Object> bits(Column column) {
        return switch (column) {
            case Column.Numeric n -> List.of(n.name(), java.util.Arrays.stream(n.values()).mapToLong(Double::doubleToRawLongBits)
                    .boxed().toList());
            case Column.Timestamp t -> List.of(t.name(), java.util.Arrays.stream(t.epochMillis()).boxed().toList());
            case Column.Categorical k -> List.of(k.name(), java.util.Arrays.stream(k.codes()).boxed().toList(), k.dictionary());
        };
    }

    @Test
    void blocksPastTheBudgetAreNotKept() {
        KeptBlocks all = firstPass(1 << 20, 37);
        KeptBlocks some = firstPass(all.bytes() - 1, 37);
        assertThat(some.complete()).isFalse();
        assertThat(some.bytes()).isZero();
        assertThat(some.replay(pipeline.inputSchema())).isNull();
        assertThat(some.frames()).isEmpty();
        assertThat(firstPass(0, 37).replay(pipeline.inputSchema())).isNull();
    }

    @Test
    void aColumnReadWithAnotherTypeThanTheModelsIsReadAgain() {
        List<Field> fields = new ArrayList<>(pipeline.inputSchema().fields());
        int user = pipeline.inputSchema().indexOf("amount");
        Field f = fields.get(user);
        fields.set(user, new Field(f.name(), ColumnType.CATEGORICAL, f.role()));
        assertThat(firstPass(1 << 20, 37).replay(new Schema(fields))).isNull();
    }

    @Test
    void aBlockIsCountedAtItsValuesLabelsAndBrokenLineNumbers() {
        KeptBlocks kept = firstPass(1 << 20, 400);   // one block
        long dictionaries = 0;
        for (Column c : DatasetLoader.load(file, CONFIG, null, false, null).frame().columns()) {
            if (c instanceof Column.Categorical k) {
                for (String v : k.dictionary()) {
                    dictionaries += 56 + v.length();
                }
            }
        }
        // a row: amount, count and ratio 8 bytes each, four codes (device_id, session, user, label) 4 each,
        // the time 8, the label 4, the line number 8 (a blank line breaks their run)
        assertThat(kept.bytes()).isEqualTo(400L * (8 + 8 + 8 + 4 * 4 + 8 + 4 + 8) + dictionaries);
    }
}
