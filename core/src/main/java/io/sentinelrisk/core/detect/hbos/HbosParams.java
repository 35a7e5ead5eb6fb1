package io.sentinelrisk.core.detect.hbos;

import io.sentinelrisk.core.detect.DetectorParams;
import io.sentinelrisk.core.detect.support.ParamChecks;

/**
 * The hyper-parameters of HBOS, named and defaulted as PyOD's {@code HBOS}.
 *
 * @param nBins {@code n_bins}: bins per feature in [2, 1000000], or {@link #N_BINS_AUTO} (written
 *              {@code auto}: chosen per feature by the Birgé-Rozenholc criterion); default {@value #DEFAULT_N_BINS}
 * @param alpha {@code alpha}: added to every bin density before the log, > 0; default {@value #DEFAULT_ALPHA}
 * @param tol   {@code tol}: how far outside the training range (in bin widths, ≥ 0) a value still
 *              gets the edge bin; default {@value #DEFAULT_TOL}
 */
public record HbosParams(int nBins, double alpha, double tol) implements DetectorParams {
    public static final int DEFAULT_N_BINS = 10;
    public static final double DEFAULT_ALPHA = 0.1;
    public static final double DEFAULT_TOL = 0.5;
    /** {@code n_bins: auto}. */
    public static final int N_BINS_AUTO = -1;
    static final int MAX_BINS = 1_000_000;

    public static final HbosParams DEFAULTS = new HbosParams(DEFAULT_N_BINS, DEFAULT_ALPHA, DEFAULT_TOL);

    public HbosParams {
        if (nBins != N_BINS_AUTO && (nBins < 2 || nBins > MAX_BINS)) {
            throw binsOutOfRange(String.valueOf(nBins));
        }
        ParamChecks.doubleAtLeast(HbosFactory.TYPE, "alpha", alpha, 0, false);
        ParamChecks.doubleAtLeast(HbosFactory.TYPE, "tol", tol, 0, true);
    }

    static RuntimeException binsOutOfRange(String found) {
        return ParamChecks.fail(HbosFactory.TYPE, "n_bins", "an integer in [2, " + MAX_BINS + "] or auto", found);
    }
}
