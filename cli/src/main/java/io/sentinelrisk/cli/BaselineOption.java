package io.sentinelrisk.cli;

import io.sentinelrisk.core.detect.Baseline;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.pipeline.BaselineDeclaration;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import picocli.CommandLine.Option;

/**
 * {@code --baseline unknown|clean} (train, evaluate): what the training rows are declared to be,
 * the flag form of the config key {@code detector.baseline} (flag wins over file). Only {@code auto}
 * takes it; given with another detector it is an error, not ignored: the user meant it to change
 * the fit, and it would not.
 */
final class BaselineOption {
    static final String FLAG = "--baseline";

    @Option(names = FLAG, paramLabel = "unknown|clean",
            description = "What the training rows are, for detector auto: clean = declared free of anomalies (a baseline "
                    + "of normal activity, scikit-learn's novelty detection): auto averages the robust z scores of its "
                    + "clean_members; unknown = anomalies may be among them: auto keeps the candidates that agree "
                    + "(config key detector.baseline; default: unknown; evaluate --protocol semi-supervised declares "
                    + "clean). An error with any other detector.")
    String baseline;

    /** The declared baseline; null when the flag is not given. */
    Baseline parsed() {
        if (baseline == null) {
            return null;
        }
        Baseline b = Baseline.byConfigName(baseline);
        if (b == null) {
            throw new InputException(FLAG + ": expected unknown or clean, found '" + baseline + "'");
        }
        return b;
    }

    /** The config with the flag applied (unchanged without it); an error when its detector takes no baseline. */
    SentinelConfig apply(SentinelConfig cfg) {
        Baseline b = parsed();
        return b == null ? cfg : BaselineDeclaration.require(cfg, b, FLAG);
    }
}
