package io.sentinelrisk.core.detect.ecod;

import io.sentinelrisk.core.detect.DetectorParams;

/** ECOD has no hyper-parameters (PyOD's {@code contamination} is the pipeline's). */
public record EcodParams() implements DetectorParams {
    public static final EcodParams DEFAULTS = new EcodParams();
}
