package io.sentinelrisk.cli.stream;

import io.sentinelrisk.cli.Progress;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.stream.sim.EventFile;
import io.sentinelrisk.stream.sim.HttpSink;
import io.sentinelrisk.stream.sim.KafkaSink;
import io.sentinelrisk.stream.sim.SimEvent;
import io.sentinelrisk.stream.sim.SimSummary;
import io.sentinelrisk.stream.sim.Simulator;
import io.sentinelrisk.stream.sim.Sink;
import io.sentinelrisk.stream.sim.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sentinel stream simulate}: replays a file of events, in event-time order, into the server or a Kafka topic. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        header = "Replay a CSV or JSON Lines file of events, in event-time order and at a set pace, to the server or Kafka.",
        description = {"Batches are POSTed to the server's /v1/events (retried on 429, 503 and connection failures; the "
                + "server is idempotent on event_id) or produced to a Kafka topic (acks=all).",
            "Examples:",
            "  sentinel stream simulate --input events.csv --rate 500 --to kafka://127.0.0.1:9092/events",
            "  SENTINEL_API_KEY=… sentinel stream simulate --input events.csv --batch-size 100 --max-batches 10 \\",
            "      --to http://127.0.0.1:8080/v1/events"})
public final class SimulateCommand implements Callable<Integer> {
    /** Environment variable holding the API key when no --key-file is given. */
    static final String KEY_ENV = "SENTINEL_API_KEY";

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "Events: CSV or JSON Lines (.jsonl).")
    Path input;

    @Option(names = "--to", required = true, paramLabel = "URL",
            description = "http://HOST:PORT/v1/events (the server) or kafka://HOST:PORT/TOPIC.")
    String to;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S", defaultValue = "0",
            description = "Events per second (default: ${DEFAULT-VALUE} = as fast as the target takes them).")
    double rate;

    @Option(names = "--speedup", paramLabel = "X", defaultValue = "0",
            description = "Replay at X times the pace of the events' own times instead of --rate (default: ${DEFAULT-VALUE} = off).")
    double speedup;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "100", description = "Events per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-batches", paramLabel = "N", defaultValue = "0",
            description = "Stop after N batches (default: ${DEFAULT-VALUE} = the whole file).")
    long maxBatches;

    @Option(names = "--time-field", paramLabel = "FIELD",
            description = "Field with the event time (default: the first of timestamp, event_time, time, ts; else file order).")
    String timeField;

    @Option(names = "--entity-field", paramLabel = "FIELD",
            description = "Kafka: key each message by this field, so an entity's events stay in one partition, in order.")
    String entityField;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "HTTP: a file holding the API key (role ingest); default: the environment variable " + KEY_ENV + ".")
    Path keyFile;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "8",
            description = "HTTP: retries of a batch on 429, 503 or a connection failure (default: ${DEFAULT-VALUE}).")
    int retries;

    @Override
    public Integer call() {
        if (batchSize < 1 || maxBatches < 0 || rate < 0 || speedup < 0 || retries < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--batch-size must be at least 1; --max-batches, --rate, --speedup and --retries at least 0");
        }
        if (rate > 0 && speedup > 0) {
            throw new ParameterException(spec.commandLine(), "give --rate or --speedup, not both");
        }
        Target target = Target.parse(to);
        List<SimEvent> events = EventFile.read(input, timeField, entityField);
        Simulator sim = new Simulator(batchSize, maxBatches, rate, speedup);
        SimSummary s;
        try (Sink sink = sink(target);
             Progress bar = Progress.count("simulate", sim.planned(events.size()))) {
            try {
                s = sim.run(events, sink, bar::stepTo);
            } catch (Sink.SinkException e) {
                throw new InputException("--to " + sink.describe() + ": " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "sent %,d events in %,d batches to %s: %,d acknowledged, %,d retried, %.1f events/s achieved%s in %.1f s%n",
                s.sent(), s.batches(), to, s.acknowledged(), s.retried(), s.rate(),
                rate > 0 ? String.format(Locale.ROOT, " (asked %.1f)", rate) : "", s.seconds());
        out.flush();
        return 0;
    }

    private Sink sink(Target target) {
        return switch (target) {
            case Target.Kafka k -> new KafkaSink(k.bootstrap(), k.topic());
            case Target.Http h -> new HttpSink(h.uri(), apiKey(), retries);
        };
    }

    private String apiKey() {
        if (keyFile != null) {
            try {
                String key = Files.readString(keyFile, StandardCharsets.UTF_8).trim();
                if (key.isEmpty()) {
                    throw new InputException(InputLocation.file(keyFile.toString()), "the key file is empty");
                }
                return key;
            } catch (IOException e) {
                throw new InputException(InputLocation.file(keyFile.toString()), "cannot read the key file: " + e.getMessage());
            }
        }
        String env = System.getenv(KEY_ENV);
        return env == null || env.isBlank() ? null : env.trim();
    }
}
