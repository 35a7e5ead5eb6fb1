package io.sentinelrisk.core.evaluate;

import io.sentinelrisk.core.detect.Baseline;
import io.sentinelrisk.core.error.InputException;

import java.util.Locale;

/**
 * Which rows a detector is fitted on and which it is tested on.
 *
 * <ul>
 *   <li>{@link #UNSUPERVISED}: fitted on every row without its label, tested on the same rows
 *   (their fit-time scores: a neighbour detector leaves each row out of its own neighbourhood).
 *   No split; the labels are only used to measure.</li>
 *   <li>{@link #SEMI_SUPERVISED}: a seeded stratified split; fitted on the normal rows of the
 *   training part only (a clean baseline of normal activity), tested on the rows not fitted on.</li>
 *   <li>{@link #ADBENCH}: ADBench's protocol, a seeded stratified split (70/30 unless a train
 *   fraction is given) fitted on every row of the training part, its anomalies left in and
 *   unlabelled, tested on the held-out test part.</li>
 * </ul>
 *
 * Each declares what its fitted rows are ({@link #declaredBaseline()}) to a detector that takes a
 * baseline ({@code auto}): only the semi-supervised protocol fits on rows known to be normal.
 */
public enum EvaluationProtocol {
    UNSUPERVISED, SEMI_SUPERVISED, ADBENCH;

    /** ADBench's share of the training part. */
    public static final double ADBENCH_TRAIN_FRACTION = 0.7;

    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True when the rows are split into a training and a test part. */
    public boolean splits() {
        return this != UNSUPERVISED;
    }

    /**
     * What the fitted rows are declared to be: {@link Baseline#CLEAN} when only normal rows are
     * fitted (semi-supervised), else {@link Baseline#UNKNOWN} (anomalies are among them).
     */
    public Baseline declaredBaseline() {
        return this == SEMI_SUPERVISED ? Baseline.CLEAN : Baseline.UNKNOWN;
    }

    /** The train fraction used when none is given. */
    public double defaultTrainFraction() {
        return this == ADBENCH ? ADBENCH_TRAIN_FRACTION : EvaluationSettings.DEFAULT_TRAIN_FRACTION;
    }

    public static EvaluationProtocol byConfigName(String name) {
        for (EvaluationProtocol p : values()) {
            if (p.configName().equals(name)) {
                return p;
            }
        }
        throw new InputException("--protocol: expected unsupervised, semi-supervised or adbench, found '" + name + "'");
    }
}
