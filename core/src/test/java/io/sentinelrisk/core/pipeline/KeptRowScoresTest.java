package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.ingest.RowReservoir;
import io.sentinelrisk.core.testdata.Frames;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A sample fitted with every row at hand ({@link KeptRowScores}) gives the same pipeline and
 * training scores as one fitted on the sample alone, and every block's kept raw scores, calibrated,
 * are the block's scores: for each unsupervised detector, on one and two threads.
 */
class KeptRowScoresTest {
    private static final Instant AT = Instant.ofEpochSecond(1);
    private static final String[] CITIES = {"oslo", "lima", "pune", "kobe", "nice"};

    /** Blocks of uneven sizes, as a file's blocks: numbers with missing values and outliers, and a text column. */
    private static List<Frame> blocks(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Frame> blocks = new ArrayList<>();
        for (int size : new int[] {700, 1000, 333, 1, 966}) {
            double[] x = new double[size];
            double[] y = new double[size];
            String[] city = new String[size];
            for (int i = 0; i < size; i++) {
                boolean odd = r.nextInt(50) == 0;
                x[i] = r.nextInt(40) == 0 ? Double.NaN : r.nextGaussian() + (odd ? 8 : 0);
                y[i] = Math.rint(r.nextGaussian() * 100) / 10 - (odd ? 30 : 0);
                // each block meets the values in its own order, so its dictionary differs from the sample's
                city[i] = CITIES[r.nextInt(odd ? 5 : 3)];
            }
            blocks.add(new Frames().numeric("x", x).numeric("y", y).categorical("city", city).build());
        }
        return blocks;
    }

    @Test
    void theSameFitAndScoresAsWalkingTheSampleAndEveryBlock() {
        List<Frame> blocks = blocks(11);
        RowReservoir reservoir = new RowReservoir(600, 3);
        ColumnFacts facts = new ColumnFacts();
        for (Frame f : blocks) {
            reservoir.add(new Dataset("in.csv", f, null, new long[f.rows()]));
            facts.add(f);
        }
        Frame sample = reservoir.sample().frame();
        long[] at = reservoir.rowIndexes();
        for (String detector : List.of("iforest", "hbos", "ecod", "knn", "lof", "ocsvm", "autoencoder", "ensemble")) {
            for (int threads : new int[] {1, 2}) {
                String what = detector + " on " + threads + " thread(s)";
                SentinelConfig cfg = SentinelConfig.load(null, Map.of("detector.type", detector, "random_state", 3,
                        "threads", threads));
                TrainedPipeline walked = new PipelineTrainer(cfg).fitSample(sample, null, facts);
                KeptRowScores kept = new KeptRowScores(blocks, at);
                TrainedPipeline once = new PipelineTrainer(cfg).fitSample(sample, null, facts, kept);

                assertThat(Arrays.equals(once.trainingScores(), walked.trainingScores())).as(what).isTrue();
                assertThat(Bundles.toBytes(once.pipeline(), AT)).as(what).isEqualTo(Bundles.toBytes(walked.pipeline(), AT));
                if (!kept.scored()) {
                    // a neighbour detector's training scores leave each row out: only its sample is scored
                    assertThat(detector).isIn("ecod", "knn", "lof", "ensemble");
                    continue;
                }
                Pipeline p = walked.pipeline();
                for (Frame block : blocks) {
                    Frame asRead = ColumnRoles.asTrained(block, p.inputSchema());
                    ScoredBatch expected = p.score(asRead, "in.csv", threads);
                    ScoredBatch got = once.pipeline().calibrate(asRead, "in.csv", kept.nextBlock(block.rows()));
                    assertThat(Arrays.equals(got.score(), expected.score())).as(what).isTrue();
                    assertThat(Arrays.equals(got.risk(), expected.risk())).as(what).isTrue();
                    assertThat(got.severity()).as(what).isEqualTo(expected.severity());
                    assertThat(got.isAnomaly()).as(what).isEqualTo(expected.isAnomaly());
                }
                assertThatThrownBy(() -> kept.nextBlock(1)).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    @Test
    void picksRowsAcrossBlocks() {
        double[][] all = {{0, 1, 2}, {}, {3}, {4, 5}};
        assertThat(KeptRowScores.picked(all, new long[] {0, 2, 3, 4, 5})).containsExactly(0, 2, 3, 4, 5);
        assertThat(KeptRowScores.picked(all, new long[] {5})).containsExactly(5);
        assertThat(KeptRowScores.picked(all, new long[0])).isEmpty();
    }
}
