package io.sentinelrisk.cli;

import io.sentinelrisk.core.ProductVersion;
import io.sentinelrisk.core.error.SentinelException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The {@code sentinel} command: explained, calibrated anomaly detection for operational data.
 * Parses the command line, calls the product's modules and prints; no algorithm lives here.
 */
@Command(name = "sentinel",
        mixinStandardHelpOptions = true,
        versionProvider = SentinelCommand.Version.class,
        description = "Finds the anomalies in operational data, says why each is odd, how bad it is and what to do.",
        footer = {"", "Exit codes: 0 ok, 1 failure while running, 2 bad usage or bad input.",
            "Run 'sentinel COMMAND --help' for the options of a command."})
public final class SentinelCommand implements Runnable {
    /**
     * The commands, in the order help lists them. They are added to the command line in
     * {@link #run}, not named in {@code @Command(subcommands = ...)}: picocli builds the model of
     * every command it is given by reflection (and runs their static initialisers), which cost
     * about half a second of start-up; a run that names one command only needs that one.
     * A class of its own, so that a bare {@code --version} does not load the 22 command classes
     * from the jar (its class literals do when this list is made).
     */
    static final class Commands {
        static final List<Map.Entry<String, Class<?>>> ALL = List.of(
                Map.entry("train", TrainCommand.class),
                Map.entry("score", ScoreCommand.class),
                Map.entry("predict", PredictCommand.class),
                Map.entry("evaluate", EvaluateCommand.class),
                Map.entry("drift", DriftCommand.class),
                Map.entry("demo", DemoCommand.class),
                Map.entry("feedback", FeedbackCommand.class),
                Map.entry("retrain", RetrainCommand.class),
                Map.entry("entities", EntitiesCommand.class),
                Map.entry("incidents", IncidentsCommand.class),
                Map.entry("config", ConfigCommand.class),
                Map.entry("generate", io.sentinelrisk.cli.synth.GenerateCommand.class),
                Map.entry("inject", io.sentinelrisk.cli.synth.InjectCommand.class),
                Map.entry("features", io.sentinelrisk.cli.features.FeaturesCommand.class),
                Map.entry("ingest", io.sentinelrisk.cli.features.IngestCommand.class),
                Map.entry("serve", io.sentinelrisk.cli.server.ServeCommand.class),
                Map.entry("keys", io.sentinelrisk.cli.server.KeysCommand.class),
                Map.entry("stream", io.sentinelrisk.cli.stream.StreamCommand.class),
                Map.entry("pipeline", io.sentinelrisk.cli.judge.PipelineCommand.class),
                Map.entry("judge", io.sentinelrisk.cli.judge.JudgeCommand.class),
                Map.entry("flink", io.sentinelrisk.cli.flink.FlinkCommand.class),
                Map.entry("help", CommandLine.HelpCommand.class));

        private Commands() {
        }
    }

    @Spec
    CommandSpec spec;

    @CommandLine.Mixin
    LogLevelOption logLevel;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of "
                + String.join(", ", Commands.ALL.stream().map(Map.Entry::getKey).toList()));
    }

    public static void main(String[] args) {
        if (isBareVersion(args)) {
            // Returning, not System.exit(0): Runtime.exit first asks for a System.Logger (the JDK.s
            // Runtime.exit logging, JDK 21+), ~25 classes more for a command that prints two lines.
            int code = printVersion();
            if (code != 0) {
                System.exit(code);
            }
            return;
        }
        neverOpenTheJar();
        int code = run(args);
        if (code == 0 && !otherThreadsKeepTheJvm()) {
            // The JVM ends when main returns, running the same shutdown hooks as System.exit, which
            // would first look up a System.Logger for Runtime.exit's logging: its discovery, a
            // ServiceLoader, opens the jar and reads its index (10-20 ms, at the very end of a run).
            return;
        }
        System.exit(code);
    }

    /**
     * A run from the start-up cache needs nothing from the jar but what it names, yet any lookup
     * that searches the whole class path makes the class loader open the jar and read its index of
     * ~18,700 entries (in the interpreter, 10-20 ms of the command's thread). Four did: picocli
     * looking for Groovy's closure class, which is never there (its documented switch, here);
     * slf4j's and logback's ServiceLoaders ({@link LogProvider} stands in for them); the default
     * time zone's rules, for the log lines' time of day ({@link LogSetup} starts its pattern at
     * the first line); Runtime.exit's System.Logger ({@link #main} returns instead when it can).
     */
    static void neverOpenTheJar() {
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        LogProvider.install();
    }

    /** Whether a thread that is not a daemon is still alive: the JVM would wait for it, System.exit does not. */
    private static boolean otherThreadsKeepTheJvm() {
        return keepsTheJvm(Thread.currentThread().getThreadGroup(), Thread.currentThread());
    }

    /** Whether a live non-daemon thread of {@code group} or its subgroups, other than {@code self}, keeps the JVM. */
    static boolean keepsTheJvm(ThreadGroup group, Thread self) {
        Thread[] threads = new Thread[group.activeCount() + 8];
        int n = group.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            if (threads[i] != self && !threads[i].isDaemon() && threads[i].isAlive()) {
                return true;
            }
        }
        return n == threads.length;   // more threads than counted: not known, exit as before
    }

    private static boolean isBareVersion(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /** Runs the command line and returns the exit code (used by main and by tests). */
    public static int run(String... args) {
        if (isBareVersion(args)) {
            return printVersion();
        }
        List<Map.Entry<String, Class<?>>> needed = commandsNeeded(args);
        if (needed.size() == 1) {
            BundlePrefetch.start(needed.get(0).getKey(), args);   // while picocli builds the command
        }
        try {
            return runCommandLine(args, needed);
        } finally {
            BundlePrefetch.clear();
        }
    }

    private static int runCommandLine(String[] args, List<Map.Entry<String, Class<?>>> needed) {
        CommandLine cli = new CommandLine(new SentinelCommand());
        for (Map.Entry<String, Class<?>> c : needed) {
            cli.addSubcommand(c.getKey(), c.getValue());
        }
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

    /**
     * The commands that {@code args} can reach: the one it names (its first word that is neither
     * an option nor the value of --log-level); none for a bare --version; every command otherwise
     * (help, a misspelt or missing command), so that help lists them and errors suggest them.
     */
    static List<Map.Entry<String, Class<?>>> commandsNeeded(String... args) {
        boolean version = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--log-level")) {
                i++;
            } else if (a.equals("-V") || a.equals("--version")) {
                version = true;
            } else if (a.equals("-h") || a.equals("--help")) {
                help = true;
            } else if (!a.startsWith("-")) {
                for (Map.Entry<String, Class<?>> c : Commands.ALL) {
                    if (c.getKey().equals(a) && !a.equals("help")) {
                        return List.of(c);
                    }
                }
                return Commands.ALL;
            }
        }
        return version && !help ? List.of() : Commands.ALL;
    }

    private static boolean helpRequested(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A bare {@code --version} prints what picocli would print without building the command line:
     * picocli's model of even the top command costs more start-up than the JVM itself.
     */
    private static int printVersion() {
        Stdout stdout = new Stdout();
        PrintWriter out = stdout.writer();
        for (String line : new Version().getVersion()) {
            out.println(line);
        }
        out.flush();
        String failure = stdout.failure(out);
        if (failure != null) {
            System.err.println("sentinel: cannot write to standard output: " + failure);
            return 1;
        }
        return 0;
    }

    /**
     * --version prints the product version and the Java runtime. Joined with String.concat, not
     * '+': a bare --version starts without the start-up cache, and '+' would have the JVM generate
     * its string-concatenation classes (invokedynamic) at run time for these two lines.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sentinel ".concat(ProductVersion.get()),
                "Java ".concat(System.getProperty("java.version")).concat(" (")
                        .concat(System.getProperty("java.vendor")).concat(")")};
        }
    }
}
