package io.sentinelrisk.cli.flink;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import io.sentinelrisk.cli.stream.DriftRiskOptions;
import io.sentinelrisk.cli.stream.KafkaScoringOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code sentinel flink run}: the Flink job (docs/streaming.md) on this machine. The command only
 * starts the job jar, {@code sentinel-flink-job.jar}, in a child JVM: the sentinel jar carries no
 * Flink, and the same job jar is what {@code flink run} submits to a cluster.
 */
@Command(name = "flink", mixinStandardHelpOptions = true,
        header = "Run the Flink job that scores a Kafka topic with a bundle.",
        subcommands = {FlinkCommand.Run.class})
public final class FlinkCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose run");
    }

    /** {@code flink run}: the job jar with {@code --local}, its exit code passed on. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            header = "Score a Kafka topic with a bundle on a local Flink MiniCluster, exactly once.",
            description = {"Reads JSON events from --in, keys them by the bundle's entity, keeps each entity's feature state "
                + "in Flink's checkpointed keyed state and writes each alert (the Alert JSON, keyed by entity) to --out in "
                + "Kafka transactions committed at every checkpoint: read --out with isolation.level=read_committed. "
                + "Malformed events go to --dead-letter with the reason; events older than their entity's latest are "
                + "scored, flagged (header sentinel-late) and counted. Runs until stopped (Ctrl-C), or with --bounded "
                + "until the events present at start are scored. Starts stream-flink's job jar "
                + "(sentinel-flink-job.jar beside sentinel.jar, or SENTINEL_FLINK_JOB_JAR) in a child JVM; on a "
                + "Flink 2.2 cluster submit that jar with 'flink run' and the same options without --local.",
                "",
                "Examples:",
                "  sentinel flink run --local --model m.srb --bootstrap 127.0.0.1:9092 --in events --out alerts",
                "  sentinel flink run --local --model m.srb --bootstrap 127.0.0.1:9092 --in events --out alerts "
                    + "--checkpoint-dir ckpt --parallelism 2"})
    public static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KafkaScoringOptions kafka;

        @Mixin
        DriftRiskOptions driftRisk;

        @Option(names = "--dead-letter", paramLabel = "TOPIC", description = "Topic of malformed events with the reason (default: <in>.dead-letter).")
        String deadLetter;

        @Option(names = "--group", paramLabel = "ID", defaultValue = "sentinel-flink",
                description = "Consumer group; a new run starts at its committed offsets (default: ${DEFAULT-VALUE}).")
        String group;

        @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Where checkpoints go, kept after the job stops (default: none, in memory).")
        String checkpointDir;

        @Option(names = "--checkpoint-interval", paramLabel = "MS", defaultValue = "10000",
                description = "Checkpoint interval; alerts become visible to read_committed readers at each checkpoint (default: ${DEFAULT-VALUE}).")
        long checkpointMs;

        @Option(names = "--restore", paramLabel = "PATH", description = "Start from a retained checkpoint (a chk-N directory) or savepoint.")
        String restore;

        @Option(names = "--parallelism", paramLabel = "N", defaultValue = "1", description = "Task slots used (default: ${DEFAULT-VALUE}).")
        int parallelism;

        @Option(names = "--transactional-id-prefix", paramLabel = "PREFIX", defaultValue = "sentinel-flink",
                description = "Prefix of the sink's Kafka transactional ids: one per job writing to a cluster (default: ${DEFAULT-VALUE}).")
        String transactionalIdPrefix;

        @Option(names = "--bounded", description = "Stop once the events present at start are scored (a replay).")
        boolean bounded;

        @Option(names = "--all-events", description = "Write every scored event to --out, not only alerts.")
        boolean allEvents;

        @Option(names = "--local", description = "Run on a Flink MiniCluster in a local JVM (the only mode of this command; "
                + "a cluster runs the job jar with 'flink run').")
        boolean local;

        @Override
        public Integer call() throws Exception {
            if (!local) {
                throw new CommandLine.ParameterException(spec.commandLine(), "sentinel flink run runs the job on this machine: "
                        + "add --local, or submit " + FlinkJobJar.NAME + " to a cluster with 'flink run' (docs/streaming.md)");
            }
            if (!Files.isRegularFile(kafka.model)) {
                throw new InputException(InputLocation.file(kafka.model.toString()), "no such bundle file");
            }
            long halfLifeMs = driftRisk.validate(spec);
            Path jar = FlinkJobJar.find();
            List<String> args = new ArrayList<>(List.of("--local", "--model", kafka.model.toString(), "--bootstrap", kafka.bootstrap,
                    "--in", kafka.in, "--out", kafka.out, "--group", group, "--checkpoint-interval", Long.toString(checkpointMs),
                    "--parallelism", Integer.toString(parallelism), "--transactional-id-prefix", transactionalIdPrefix));
            add(args, "--dead-letter", deadLetter);
            args.addAll(List.of("--drift-window", Integer.toString(driftRisk.driftWindow), "--drift-every", Integer.toString(driftRisk.driftEvery),
                    "--risk-half-life", Long.toString(halfLifeMs)));
            add(args, "--drift-topic", driftRisk.driftTopic);
            add(args, "--risk-topic", driftRisk.riskTopic);
            add(args, "--checkpoint-dir", checkpointDir);
            add(args, "--restore", restore);
            if (bounded) {
                args.add("--bounded");
            }
            if (allEvents) {
                args.add("--all-events");
            }
            return ChildJvm.run(jar, args);
        }

        private static void add(List<String> args, String name, String value) {
            if (value != null) {
                args.add(name);
                args.add(value);
            }
        }
    }
}
