package io.sentinelrisk.core.export;

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
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The rows kept block by block are the rows TopAlerts picks over the whole input, ties and categories included. */
class TopRowsTest {
    @RepeatedTest(30)
    void sameRowsAsTheWholeInput(RepetitionInfo info) {
        Random rnd = new Random(31L * info.getCurrentRepetition());
        int n = 1 + rnd.nextInt(300);
        double[] score = new double[n];
        int[] codes = new int[n];
        List<String> dict = List.of("a", "b", "c", "d");
        for (int i = 0; i < n; i++) {
            score[i] = rnd.nextInt(4) == 0 ? Double.NaN : rnd.nextInt(20);   // many ties, some NaN
            codes[i] = rnd.nextInt(5) - 1;
        }
        int topN = 1 + rnd.nextInt(12);
        int[] expected = TopAlerts.select(score, topN);
        TopRows top = new TopRows(topN);
        int from = 0;
        while (from < n) {
            int to = Math.min(n, from + 1 + rnd.nextInt(40));
            int[] rows = new int[to - from];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = from + i;
            }
            // each block has its own dictionary order, as blocks read from a file do
            List<String> blockDict = new ArrayList<>(dict);
            java.util.Collections.shuffle(blockDict, rnd);
            int[] blockCodes = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                blockCodes[i] = codes[from + i] < 0 ? -1 : blockDict.indexOf(dict.get(codes[from + i]));
            }
            top.offer(block(Arrays.copyOfRange(score, from, to), blockCodes, blockDict, from), from);
            from = to;
        }
        ScoredData kept = top.data();
        int[] numbers = top.rowNumbers();
        int[] got = TopAlerts.select(kept.scores().score(), topN);
        int[] gotRows = Arrays.stream(got).map(i -> numbers[i]).toArray();
        assertThat(gotRows).containsExactly(expected);
        for (int i = 0; i < got.length; i++) {
            int row = gotRows[i];
            assertThat(kept.frame().text(0, got[i])).isEqualTo(codes[row] < 0 ? "" : dict.get(codes[row]));
            assertThat(kept.lineNumbers()[got[i]]).isEqualTo(row + 2L);
        }
    }

    /** A fitted pipeline that knows column k, so ScoredData can show its roles. */
    private static final Pipeline PIPELINE = pipeline();

    private static Pipeline pipeline() {
        Random rnd = new Random(5);
        int n = 200;
        int[] codes = new int[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            codes[i] = rnd.nextInt(4);
            x[i] = rnd.nextGaussian();
        }
        Frame f = new Frame(new Schema(List.of(new Field("k", ColumnType.CATEGORICAL, ColumnRole.FEATURE),
                new Field("x", ColumnType.NUMERIC, ColumnRole.FEATURE))),
                List.of(new Column.Categorical("k", codes, List.of("a", "b", "c", "d")), new Column.Numeric("x", x)));
        return new PipelineTrainer(SentinelConfig.defaults()).fit(f, null).pipeline();
    }

    private static ScoredData block(double[] score, int[] codes, List<String> dict, long firstRow) {
        int n = score.length;
        Severity[] sev = new Severity[n];
        Arrays.fill(sev, Severity.INFO);
        Frame f = new Frame(new Schema(List.of(new Field("k", ColumnType.CATEGORICAL, ColumnRole.FEATURE))),
                List.of(new Column.Categorical("k", codes, dict)));
        long[] lines = new long[n];
        for (int i = 0; i < n; i++) {
            lines[i] = firstRow + i + 2;
        }
        return new ScoredData("in.csv", f, new ScoredBatch(score, score.clone(), sev, new boolean[n]), PIPELINE, null, lines);
    }
}
