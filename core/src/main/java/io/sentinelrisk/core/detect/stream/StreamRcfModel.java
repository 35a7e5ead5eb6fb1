package io.sentinelrisk.core.detect.stream;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.SequentialDetector;
import io.sentinelrisk.core.detect.support.BatchScoring;
import io.sentinelrisk.core.detect.support.TrainingScores;

/**
 * A fitted {@code stream_rcf}: the state learnt from the training rows. Scoring rows continues
 * that stream on a private copy (score, then learn, row after row), so the model itself never
 * changes and a batch of rows gets exactly the scores the rows would get one at a time online.
 * One row alone is scored as the row after the training stream.
 */
public final class StreamRcfModel implements SequentialDetector, TrainingScores.LeaveOneOut {
    private final StreamState state;
    private final double[] trainingScores;

    StreamRcfModel(StreamState state, double[] trainingScores) {
        this.state = state;
        this.trainingScores = trainingScores;
    }

    StreamState state() {
        return state;
    }

    public StreamRcfParams params() {
        return state.params();
    }

    /** Rows learnt in training. */
    public long trainedRows() {
        return state.rows();
    }

    @Override
    public String type() {
        return StreamRcfFactory.TYPE;
    }

    @Override
    public int featureCount() {
        return state.features();
    }

    @Override
    public double score(double[] row) {
        BatchScoring.checkFeatures(type(), featureCount(), row.length);
        return state.copy().step(row, 0);
    }

    /** Scores the rows in order as a continuation of the training stream (sequential: {@code threads} is not used). */
    @Override
    public void score(Matrix x, double[] out, int threads) {
        BatchScoring.checkFeatures(type(), featureCount(), x.cols());
        StreamState s = state.copy();
        double[] data = x.data();
        int d = x.cols();
        for (int i = 0; i < x.rows(); i++) {
            out[i] = s.step(data, i * d);
        }
    }

    /**
     * The online scores the training rows got while they were learnt (each from the rows before
     * it). A model read from a bundle replays them from its seed, which gives the same scores.
     */
    @Override
    public void scoreTrainingRows(Matrix trainingRows, double[] out, int threads) {
        if (trainingScores != null && trainingRows.rows() == trainingScores.length) {
            System.arraycopy(trainingScores, 0, out, 0, trainingScores.length);
            return;
        }
        BatchScoring.checkFeatures(type(), featureCount(), trainingRows.cols());
        StreamState s = state.fresh();
        for (int i = 0; i < trainingRows.rows(); i++) {
            out[i] = s.step(trainingRows.data(), i * trainingRows.cols());
        }
    }
}
