package io.sentinelrisk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.mapping.BusinessMapping;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.pipeline.TrainedPipeline;
import io.sentinelrisk.server.SentinelServer;
import io.sentinelrisk.server.ServerOptions;
import io.sentinelrisk.server.auth.Role;
import io.sentinelrisk.server.scoring.EventIngest;
import io.sentinelrisk.synth.FrameCsv;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sentinel demo --serve}: trains a small model for each of the four generators (with its
 * feature and business mapping packs), starts the server with one model per source, makes an
 * admin and an analyst key, and feeds generated events of all four sources at a steady rate
 * through the server's ingest service (the one behind {@code POST /v1/events}) until stopped.
 */
final class DemoServe {
    /** How the demo serves: port (0 = any free), data directory, events a second over all sources, seed. */
    record Options(int port, Path dataDir, double rate, long seed, Double contamination) {
    }

    /** The contamination (is_anomaly threshold) of the demo models unless --contamination says otherwise. */
    static final double DEFAULT_CONTAMINATION = 0.02;

    private final Options options;
    private final PrintWriter out;
    private final PrintWriter err;
    private volatile boolean stopping;

    DemoServe(Options options, PrintWriter out, PrintWriter err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    int run() throws InterruptedException {
        Path dir = options.dataDir();
        Path models = dir.resolve("models");
        // the models' training data ends where the live events begin: the last days before today
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Map<String, Path> bundles = new LinkedHashMap<>();
        Map<DemoSource, Pipeline> pipelines = new EnumMap<>(DemoSource.class);
        for (DemoSource s : DemoSource.values()) {
            long t0 = System.nanoTime();
            Pipeline p = train(s, models, today.minus(2L * s.days, ChronoUnit.DAYS));
            Path file = models.resolve(s.source + ".srb");
            Bundles.write(p, file, Bundles.createdAt());
            bundles.put(s.source, file);
            pipelines.put(s, p);
            out.printf(Locale.ROOT, "sentinel demo: trained the %s model (%s) in %.1f s%n", s.source, file,
                    (System.nanoTime() - t0) / 1e9);
            out.flush();
        }
        // the soc model also scores events sent without a source (the README's curl examples are SOC events)
        ServerOptions serverOptions = ServerOptions.defaults(bundles.get(DemoSource.SOC.source), dir.resolve("store"))
                .withPort(options.port()).withSourceModels(bundles);
        SentinelServer server = SentinelServer.start(serverOptions);
        String admin = server.keys().create("demo-admin", Role.ADMIN).token();
        String analyst = server.keys().create("demo-analyst", Role.ANALYST).token();
        String url = "http://" + serverOptions.bind() + ":" + server.port();
        out.println("sentinel demo: listening on " + url + " (" + server.modelsDisplay() + ", store " + server.database().display() + ")");
        out.println("sentinel demo: admin key:   " + admin);
        out.println("sentinel demo: analyst key: " + analyst);
        out.printf(Locale.ROOT, "sentinel demo: feeding %s at %s events/s; Ctrl-C stops%n",
                String.join(", ", bundles.keySet()), options.rate());
        out.println("  try: curl -s -H 'Authorization: Bearer " + analyst + "' '" + url + "/v1/alerts?source=soc&limit=5'");
        out.flush();

        List<Feed> feeds = new ArrayList<>();
        for (DemoSource s : DemoSource.values()) {
            feeds.add(new Feed(s.source, new DemoEvents(s, pipelines.get(s).inputSchema(), today.minus(s.days, ChronoUnit.DAYS),
                    options.seed() + 1000L * (s.ordinal() + 1))));
        }
        Thread feeder = new Thread(() -> feed(server.ingest(), feeds), "sentinel-demo-feed");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            try {
                feeder.join(30_000);   // the batch being ingested commits first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.stop();
            out.println("sentinel demo: stopped; the store stays in " + dir);
            out.flush();
            stopped.countDown();
            // Stopping on Ctrl-C or SIGTERM is how this command ends, not a failure: exit 0 once
            // everything is drained and closed (without halt the JVM reports 130 or 143).
            Runtime.getRuntime().halt(0);
        }, "sentinel-demo-shutdown"));
        feeder.start();
        stopped.await();
        return 0;
    }

    /** The model of one source, trained as {@code sentinel train --features … --mapping …} would on its generated CSV. */
    private Pipeline train(DemoSource s, Path dir, Instant start) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        Path csv = dir.resolve(s.source + "-train.csv");
        FrameCsv.write(s.generate(start, options.seed() + s.ordinal(), false), csv);
        InputOptions input = new InputOptions();
        input.input = csv;
        input.features = s.features == null ? null : Path.of(s.features);
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("contamination", options.contamination() != null ? options.contamination() : DEFAULT_CONTAMINATION);
        flags.put("ignore_columns", List.of("scenario"));
        flags.put("random_state", options.seed());
        SentinelConfig cfg = SentinelConfig.load(null, flags);
        CommandSupport.Training training = CommandSupport.loadForTraining(input, cfg);
        BusinessMapping business = MappingOption.load(s.mapping, training.data().frame().schema());
        TrainedPipeline trained = new PipelineTrainer(cfg).fit(training.data().frame(), training.data().labels());
        return MappingOption.apply(training.withFeatures(trained.pipeline()), business);
    }

    /** One source's stream and its counts. */
    private static final class Feed {
        final String source;
        final DemoEvents events;
        long accepted;
        long failed;

        Feed(String source, DemoEvents events) {
            this.source = source;
            this.events = events;
        }
    }

    /**
     * Sends events at {@code rate} a second, taking the sources in turn, as a batch per source
     * every 100 ms or so. A refused batch is reported on stderr and the feed goes on.
     */
    private void feed(EventIngest ingest, List<Feed> feeds) {
        long started = System.nanoTime();
        long sent = 0;
        int turn = 0;
        while (!stopping) {
            long due = (long) Math.floor(options.rate() * (System.nanoTime() - started) / 1e9);
            int n = (int) Math.min(due - sent, 5_000);
            if (n <= 0) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            Map<Feed, ArrayNode> batches = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                Feed f = feeds.get(turn++ % feeds.size());
                batches.computeIfAbsent(f, k -> JsonNodeFactory.instance.arrayNode()).add(f.events.next());
            }
            for (Map.Entry<Feed, ArrayNode> b : batches.entrySet()) {
                Feed f = b.getKey();
                try {
                    EventIngest.Outcome o = ingest.ingest(f.source, b.getValue(), ServerOptions.DEFAULT_BATCH_LIMIT);
                    f.accepted += o.results().size();
                } catch (RuntimeException e) {
                    if (f.failed++ < 5) {
                        err.println("sentinel demo: " + f.source + ": a batch was refused: " + e.getMessage());
                        err.flush();
                    }
                }
            }
            sent += n;
        }
    }
}
