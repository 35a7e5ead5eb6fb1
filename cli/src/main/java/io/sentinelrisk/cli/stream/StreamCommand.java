package io.sentinelrisk.cli.stream;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code sentinel stream}: replay events into a stream, and score a Kafka stream. */
@Command(name = "stream", mixinStandardHelpOptions = true,
        header = "Replay events into the server or Kafka, and score a Kafka topic with a bundle.",
        description = {"See docs/streaming.md."},
        subcommands = {SimulateCommand.class, RunCommand.class})
public final class StreamCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: choose one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
