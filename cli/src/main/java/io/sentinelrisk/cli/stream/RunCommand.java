package io.sentinelrisk.cli.stream;

import io.sentinelrisk.cli.Output;
import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.util.Durations;
import io.sentinelrisk.stream.StreamScorer;
import io.sentinelrisk.stream.kafka.KafkaScorer;
import io.sentinelrisk.stream.kafka.KafkaScorerConfig;
import io.sentinelrisk.stream.kafka.RunSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sentinel stream run}: the Kafka scorer (no stream engine needed). */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Score a Kafka topic of JSON events with a bundle and write alerts to another topic.",
        description = {"Keeps every entity's feature state, commits offsets only after the alerts are acknowledged "
                + "(at least once), saves the state with the offsets (--state-dir) so a restart continues with the same "
                + "features, sends events it cannot score to --dead-letter, and stops cleanly on SIGTERM or Ctrl-C.",
            "Example:",
            "  sentinel stream run --model m.srb --bootstrap 127.0.0.1:9092 --in events --out alerts \\",
            "      --dead-letter events-dead --state-dir out/stream-state"})
public final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaScoringOptions kafka;

    @Option(names = "--group", paramLabel = "ID", defaultValue = "sentinel-stream",
            description = "Consumer group whose offsets are committed (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--dead-letter", paramLabel = "TOPIC",
            description = "Topic for events that cannot be scored, with the reason (default: logged only).")
    String deadLetter;

    @Mixin
    DriftRiskOptions driftRisk;

    @Option(names = "--state-topic", paramLabel = "TOPIC",
            description = "Keep every entity's state in this compacted topic (created if absent), written in one Kafka transaction "
                    + "with the alerts and the committed offsets, and read back on start (instead of --state-dir).")
    String stateTopic;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Save the entities' state with the committed offsets here, so a restart continues with the same features "
                    + "(default: state in memory only).")
    @Output(directory = true)
    Path stateDir;

    @Option(names = "--emit", paramLabel = "WHICH", defaultValue = "anomalies",
            description = "anomalies (events above the model's threshold) or all (every scored event) (default: ${DEFAULT-VALUE}).")
    String emit;

    @Option(names = "--commit-interval", paramLabel = "DURATION", defaultValue = "1s",
            description = "How often alerts are awaited, state saved and offsets committed (default: ${DEFAULT-VALUE}).")
    String commitInterval;

    @Option(names = "--allowed-lateness", paramLabel = "DURATION", defaultValue = "1h",
            description = "How long past the feature plan's TTL an idle entity stays in memory, for partitions that run behind "
                    + "one another; memory only, features do not depend on it (default: ${DEFAULT-VALUE}).")
    String allowedLateness;

    @Override
    public Integer call() {
        if (!emit.equals("anomalies") && !emit.equals("all")) {
            throw new ParameterException(spec.commandLine(), "--emit '" + emit + "': expected anomalies or all");
        }
        long halfLifeMs = driftRisk.validate(spec);
        if (stateDir != null && stateTopic != null) {
            throw new ParameterException(spec.commandLine(), "--state-dir and --state-topic: keep the state in one of them");
        }
        long commitMs = Durations.parseMillis(commitInterval);
        long latenessMs = Durations.parseMillis(allowedLateness);
        if (commitMs < 1 || latenessMs < 0) {
            throw new ParameterException(spec.commandLine(), "--commit-interval and --allowed-lateness take durations such as 0.5s, "
                    + "1s, 30m or 1h; got '" + commitInterval + "' and '" + allowedLateness + "'");
        }
        Pipeline pipeline = Bundles.read(kafka.model);
        int window = driftRisk.driftWindow;
        if (window > 0 && pipeline.profile().isEmpty()) {
            LOG.warn("{} keeps no training profile (made by an older release): no drift monitoring", kafka.model);
            window = 0;
        }
        KafkaScorerConfig cfg = new KafkaScorerConfig(kafka.bootstrap, kafka.in, kafka.out, group, deadLetter, driftRisk.driftTopic, stateDir,
                emit.equals("all"), commitMs, new StreamScorer.Options(latenessMs, window, driftRisk.driftEvery), driftRisk.riskTopic, halfLifeMs,
                stateTopic);
        KafkaScorer scorer = new KafkaScorer(pipeline, cfg);
        Thread hook = new Thread(() -> scorer.stop(30_000), "sentinel-stream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "sentinel stream run: scoring %s → %s on %s with %s (Ctrl-C or SIGTERM stops after a last commit)%n",
                kafka.in, kafka.out, kafka.bootstrap, kafka.model);
        w.flush();
        RunSummary s = scorer.run(p -> LOG.info("{} events read ({} scored, {} alerts, {} late, {} dead letters), {} events/s",
                p.consumed(), p.scored(), p.alerts(), p.late(), p.deadLetters(), Math.round(p.eventsPerSecond())));
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook stopped us
        }
        w.printf(Locale.ROOT, "read %,d events: %,d scored, %,d alerts, %,d late, %,d dead letters, %,d drift alerts; %.0f events/s%n",
                s.consumed(), s.scored(), s.alerts(), s.late(), s.deadLetters(), s.driftAlerts(), s.eventsPerSecond());
        w.flush();
        return 0;
    }
}
