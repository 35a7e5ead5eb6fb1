package io.sentinelrisk.core.detect.stream;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.error.InputException;

/** Learns the training rows as one stream, in order, keeping each row's online score. */
final class StreamRcfTrainer implements DetectorTrainer {
    private final StreamRcfParams params;
    private final long seed;

    StreamRcfTrainer(StreamRcfParams params, long seed) {
        this.params = params;
        this.seed = seed;
    }

    @Override
    public FittedDetector fit(Matrix x, int[] labels, int threads) {
        if (x.cols() < 1) {
            throw new InputException("stream_rcf: needs at least 1 numeric feature, found 0");
        }
        double[] data = x.data();
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new InputException("stream_rcf: row " + (i / x.cols() + 1) + " has a value that is not finite");
            }
        }
        StreamState state = new StreamState(params, x.cols(), seed);
        double[] scores = new double[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            scores[i] = state.step(data, i * x.cols());
        }
        return new StreamRcfModel(state, scores);
    }
}
