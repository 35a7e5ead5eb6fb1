package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.config.LocatedTree;
import io.sentinelrisk.core.detect.Baseline;
import io.sentinelrisk.core.error.InputException;

import java.nio.file.Path;
import java.util.Map;

/**
 * Declares what a config's training rows are ({@link Baseline}) to its detector: the key
 * {@code detector.baseline}, which only detectors with that parameter ({@code auto}) take. A
 * detector without it fits the same way on any rows, so declaring a baseline to it is refused, as
 * scikit-learn refuses {@code novelty=True} for an estimator that has no such parameter.
 */
public final class BaselineDeclaration {
    private BaselineDeclaration() {
    }

    /** Whether the config's detector takes a baseline. */
    public static boolean applies(SentinelConfig cfg) {
        return Baseline.takenBy(Detectors.byType(cfg.detectorType()));
    }

    /** The baseline the config's detector was given; null when it takes none. */
    public static Baseline of(SentinelConfig cfg) {
        Object b = cfg.detectorParams().asMap().get(Baseline.PARAM);
        return b == null ? null : Baseline.byConfigName(b.toString());
    }

    /** Whether a config file writes {@code detector.baseline} itself (false for no file). */
    public static boolean writtenIn(Path configFile) {
        if (configFile == null) {
            return false;
        }
        return LocatedTree.read(configFile).rootMap().get("detector") instanceof Map<?, ?> detector
                && detector.containsKey(Baseline.PARAM);
    }

    /** The config with {@code baseline} declared; unchanged when its detector takes none. */
    public static SentinelConfig declare(SentinelConfig cfg, Baseline baseline, String source) {
        if (!applies(cfg) || of(cfg) == baseline) {
            return cfg;
        }
        return cfg.withOverrides(Map.of("detector." + Baseline.PARAM, baseline.configName()), source);
    }

    /**
     * The config with {@code baseline} declared by the flag {@code flag}; an {@link InputException}
     * when its detector takes none.
     */
    public static SentinelConfig require(SentinelConfig cfg, Baseline baseline, String flag) {
        if (!applies(cfg)) {
            throw new InputException(flag + " " + baseline.configName() + ": detector '" + cfg.detectorType()
                    + "' has no baseline, only auto has (it fits differently on rows declared clean); leave out " + flag);
        }
        return declare(cfg, baseline, flag);
    }
}
