package io.sentinelrisk.core.detect;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;

import java.util.List;

/**
 * One kind of detector as the user sees it: its config name ({@code detector.type}), its
 * documented parameters, how to make a trainer from them, and how its fitted model is stored in
 * a bundle part and read back. Registered in {@code io.sentinelrisk.core.pipeline.Detectors}.
 */
public interface DetectorFactory {
    /** The value of {@code detector.type}, e.g. {@code iforest}. */
    String type();

    /** One line for {@code sentinel config defaults} and the docs. */
    String description();

    /** Every parameter, with its default and meaning. Names follow scikit-learn / PyOD. */
    List<ParamSpec> params();

    /** True when fitting needs labels. */
    default boolean supervised() {
        return false;
    }

    /**
     * The parameters as this detector's typed record, validated: a ConfigException naming the key
     * ({@link io.sentinelrisk.core.config.ConfigException#key()}) and the allowed range when a
     * value is out of range. {@code params} were parsed against {@link #params()}.
     */
    DetectorParams paramsOf(Params params);

    /**
     * A trainer for the parameters (validated by {@link #paramsOf}). {@code seed} is the
     * pipeline's {@code random_state}. The alert threshold ({@code contamination}) is not a
     * detector's business: calibration sets it from the training scores.
     */
    DetectorTrainer trainer(Params params, long seed);

    /** The model as a bundle part (binary, or the library's own format). */
    byte[] encode(FittedDetector model);

    /** Reads a part written by {@link #encode}; corrupt content is an InputException naming {@code partName}. */
    FittedDetector decode(byte[] bytes, String partName);
}
