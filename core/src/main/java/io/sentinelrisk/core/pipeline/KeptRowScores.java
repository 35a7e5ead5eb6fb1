package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.TrainingScores;
import io.sentinelrisk.core.prepare.Preparation;

import java.util.List;

/**
 * The raw detector scores of every row of an input held in memory as blocks ({@code train}'s
 * first pass kept them), each row walked once: when the detector is grown, every row is scored
 * block by block, the sample's training scores are picked from those scores by row index, and the
 * second pass calibrates each block's scores instead of walking its rows again. A row's score
 * depends on that row alone, so a sample row's score is the same picked from its block as walked
 * in the sample (docs/benchmarks.md, "`train`: every row walked once"). Holds one double a row
 * until the second pass takes them, beside the blocks it held anyway.
 *
 * <p>A detector whose training scores are not its scores of new rows (a neighbour detector leaves
 * each row out of its own neighbourhood: {@link TrainingScores.LeaveOneOut}) scores its sample
 * as before, and no row is scored here.
 */
public final class KeptRowScores {
    private List<Frame> blocks;
    private final long[] sampleRows;
    private double[][] scores;
    private int next;

    /**
     * @param blocks     every row of the input, in input order
     * @param sampleRows the input position (0-based data row) of each row of the sample, in input
     *                   order, as the sample holds them
     */
    public KeptRowScores(List<Frame> blocks, long[] sampleRows) {
        this.blocks = List.copyOf(blocks);
        this.sampleRows = sampleRows.clone();
    }

    /**
     * The sample's training scores by the fitted {@code preparation} and {@code detector}: picked
     * from every row's scores, which are kept for the second pass; or, for a leave-one-out
     * detector, {@link TrainingScores#of} the sample's prepared rows {@code x}.
     */
    double[] trainingScores(Preparation preparation, FittedDetector detector, Matrix x, int threads) {
        if (detector instanceof TrainingScores.LeaveOneOut) {
            blocks = null;
            return TrainingScores.of(detector, x, threads);
        }
        double[][] all = new double[blocks.size()][];
        for (int b = 0; b < all.length; b++) {
            // as the second pass scores a block (Pipeline.rawScores)
            Matrix rows = preparation.transformTransient(blocks.get(b));
            all[b] = new double[rows.rows()];
            detector.score(rows, all[b], Math.max(1, threads));
        }
        blocks = null;   // the second pass holds them; each is let go once written
        scores = all;
        return picked(all, sampleRows);
    }

    /** The scores of rows {@code at} (ascending input positions) of blocks {@code all}. */
    static double[] picked(double[][] all, long[] at) {
        double[] out = new double[at.length];
        int b = 0;
        long start = 0;
        for (int i = 0; i < at.length; i++) {
            while (at[i] >= start + all[b].length) {
                start += all[b++].length;
            }
            out[i] = all[b][(int) (at[i] - start)];
        }
        return out;
    }

    /** Whether every row was scored, for the second pass to take with {@link #nextBlock}. */
    public boolean scored() {
        return scores != null;
    }

    /** The raw scores of the next block of {@code rows} rows, blocks in input order; each is handed out once. */
    public double[] nextBlock(int rows) {
        if (scores == null || next == scores.length || scores[next].length != rows) {
            throw new IllegalStateException("no kept scores for a block of " + rows + " rows");
        }
        double[] out = scores[next];
        scores[next++] = null;
        return out;
    }
}
