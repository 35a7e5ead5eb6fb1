package io.sentinelrisk.cli.judge;

import io.sentinelrisk.cli.Output;
import io.sentinelrisk.core.io.AtomicFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sentinel pipeline run}: every stage of the hybrid judge's pipeline, one bundle. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        header = "Run the hybrid judge's whole pipeline.",
        subcommands = {PipelineCommand.Run.class})
public final class PipelineCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: choose one of " + String.join(", ", spec.subcommands().keySet()));
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Runs the stages autoencoder, embed, train and (with evaluation data) evaluate, skipping those whose "
                + "inputs are unchanged, and writes one bundle: --out-dir/judge.srb (and --model-out)."})
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StageOptions options;

        @Option(names = {"-m", "--model-out"}, paramLabel = "FILE.srb", description = "Also write the bundle here.")
        @Output
        Path modelOut;

        @Override
        public Integer call() {
            JudgeStages stages = options.stages(spec.commandLine().getOut());
            boolean evaluate = options.load().evaluateInput() != null;
            for (String s : JudgeStages.STAGES) {
                if (!s.equals("evaluate") || evaluate) {
                    stages.run(s);
                }
            }
            if (modelOut != null) {
                byte[] bundle;
                try {
                    bundle = Files.readAllBytes(stages.bundle());
                } catch (IOException e) {
                    throw new io.sentinelrisk.core.error.SentinelException("cannot read " + stages.bundle() + ": " + e.getMessage(), e);
                }
                AtomicFile.write(modelOut, os -> os.write(bundle));
            }
            spec.commandLine().getOut().printf("bundle: %s%n", modelOut != null ? modelOut : stages.bundle());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
