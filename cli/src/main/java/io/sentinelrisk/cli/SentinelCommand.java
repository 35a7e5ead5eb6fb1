package io.sentinelrisk.cli;

import io.sentinelrisk.core.ProductVersion;
import io.sentinelrisk.core.error.SentinelException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;

/**
 * The {@code sentinel} command: explained, calibrated anomaly detection for operational data.
 * Parses the command line, calls the product's modules and prints; no algorithm lives here.
 */
@Command(name = "sentinel",
        mixinStandardHelpOptions = true,
        versionProvider = SentinelCommand.Version.class,
        description = "Finds the anomalies in operational data, says why each is odd, how bad it is and what to do.",
        subcommands = {
            TrainCommand.class,
            ScoreCommand.class,
            PredictCommand.class,
            EvaluateCommand.class,
            DriftCommand.class,
            DemoCommand.class,
            FeedbackCommand.class,
            RetrainCommand.class,
            EntitiesCommand.class,
            IncidentsCommand.class,
            ConfigCommand.class,
            io.sentinelrisk.cli.synth.GenerateCommand.class,
            io.sentinelrisk.cli.synth.InjectCommand.class,
            io.sentinelrisk.cli.features.FeaturesCommand.class,
            io.sentinelrisk.cli.features.IngestCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Exit codes: 0 ok, 1 failure while running, 2 bad usage or bad input.",
            "Run 'sentinel COMMAND --help' for the options of a command."})
public final class SentinelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @CommandLine.Mixin
    LogLevelOption logLevel;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (used by main and by tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new SentinelCommand());
        Stdout stdout = new Stdout();
        cli.setOut(stdout.writer());
        ErrorHandler errors = new ErrorHandler();
        cli.setExecutionExceptionHandler(errors);
        cli.setExecutionStrategy(parsed -> execute(parsed, stdout, errors));
        Usage.install(cli);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli.execute(args);
    }

    /**
     * What every command goes through: its outputs are checked against its inputs before any work
     * (an output to '-' sends the command's own printing to stderr), and after it, standard output
     * is checked for write errors. Out of memory is one line, not a stack trace.
     */
    private static int execute(CommandLine.ParseResult parsed, Stdout stdout, ErrorHandler errors) {
        List<CommandLine> chain = parsed.asCommandLineList();
        CommandLine last = chain.get(chain.size() - 1);
        try {
            if (!helpRequested(parsed)) {
                OutputPlan plan = OutputPlan.of(last.getCommandSpec());
                plan.check();
                if (plan.writesStdout()) {
                    last.setOut(last.getErr());
                }
            }
            int code = new CommandLine.RunLast().execute(parsed);
            String failure = stdout.failure(last.getOut());
            if (failure != null && code == 0) {
                return errors.handleExecutionException(
                        new SentinelException("cannot write to standard output: " + failure), last, parsed);
            }
            return code;
        } catch (SentinelException e) {
            return errors.handleExecutionException(e, last, parsed);
        } catch (OutOfMemoryError e) {
            return ErrorHandler.outOfMemory(last, e);
        }
    }

    private static boolean helpRequested(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return true;
            }
        }
        return false;
    }

    /** --version prints the product version and the Java runtime. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sentinel " + ProductVersion.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
