package io.sentinelrisk.cli.synth;

import io.sentinelrisk.synth.Difficulty;
import picocli.CommandLine.Option;

/** {@code --difficulty} and {@code --label-noise} of the generators that have a hard setting (soc, transactions). */
public final class DifficultyOptions {
    @Option(names = "--difficulty", defaultValue = "normal", paramLabel = "LEVEL",
            description = "normal, or hard: attacks inside the normal ranges on most features, noisier normal behaviour, "
                    + "2%% wrong labels (default: ${DEFAULT-VALUE}; see docs/synth.md).")
    String difficulty;

    @Option(names = "--label-noise", paramLabel = "F",
            description = "Share of rows whose label is flipped; the scenario column stays true (default: 0.02 with --difficulty hard, else 0).")
    Double labelNoise;

    Difficulty level() {
        return Difficulty.parse(difficulty);
    }

    double labelNoise() {
        return labelNoise != null ? Difficulty.checkNoise(labelNoise) : level().defaultLabelNoise();
    }
}
