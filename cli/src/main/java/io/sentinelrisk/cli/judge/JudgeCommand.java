package io.sentinelrisk.cli.judge;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code sentinel judge STAGE}: one stage of the hybrid judge's pipeline, resumable. */
@Command(name = "judge", mixinStandardHelpOptions = true,
        header = "Run one stage of the hybrid judge: autoencoder, embed, train or evaluate.",
        description = {"Each stage reads the pipeline config's section for it, writes its artifacts under --out-dir and a "
            + "stamp of its inputs' checksums; a stage whose inputs are unchanged is skipped."},
        subcommands = {JudgeCommand.Autoencoder.class, JudgeCommand.Embed.class, JudgeCommand.Train.class,
            JudgeCommand.Evaluate.class})
public final class JudgeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: choose one of " + String.join(", ", spec.subcommands().keySet()));
    }

    abstract static class Stage implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StageOptions options;

        abstract String stage();

        @Override
        public Integer call() {
            options.stages(spec.commandLine().getOut()).run(stage());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "autoencoder", mixinStandardHelpOptions = true,
            description = "Labels (true labels over heuristic pseudo-labels) and the autoencoder on the normal-looking rows.")
    static final class Autoencoder extends Stage {
        String stage() {
            return "autoencoder";
        }
    }

    @Command(name = "embed", mixinStandardHelpOptions = true,
            description = "Reconstruction error, per-feature errors and bottleneck embedding of every training row (embedding.csv).")
    static final class Embed extends Stage {
        String stage() {
            return "embed";
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "The XGBoost judge on features + autoencoder outputs + detector scores; writes judge.srb.")
    static final class Train extends Stage {
        String stage() {
            return "train";
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "The judge (and with evaluate.baselines its baselines) on labelled data; writes evaluation.json.")
    static final class Evaluate extends Stage {
        String stage() {
            return "evaluate";
        }
    }
}
