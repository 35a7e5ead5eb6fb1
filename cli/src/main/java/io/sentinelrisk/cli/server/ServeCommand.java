package io.sentinelrisk.cli.server;

import io.sentinelrisk.server.SentinelServer;
import io.sentinelrisk.server.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code sentinel serve}: the REST API (docs/server.md). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        header = "Serve the REST API: score events, store alerts and feedback, manage models.",
        description = {"Listens on --bind:--port until stopped (Ctrl-C or SIGTERM drain running requests first). "
            + "Every /v1 route needs an API key: make the first with 'sentinel keys create --role admin --name NAME'. "
            + "OpenAPI at /openapi.json, Swagger UI at /docs, Prometheus metrics at /metrics.",
            "",
            "Examples:",
            "  sentinel serve --model out/demo.srb",
            "  sentinel serve --model m.srb --db postgresql://postgres@127.0.0.1:5432/test",
            "  sentinel serve --model m.srb --deliveries routes.yaml",
            "  sentinel serve --model default.srb --model soc=soc.srb --model web=w.srb"})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "[SOURCE=]FILE.srb",
            description = "Bundle to register and promote at start: FILE.srb for the default model (source api, which also "
                + "scores sources without their own), SOURCE=FILE.srb for one source; repeatable, one per source "
                + "(default: the store's champions).")
    List<String> models = List.of();

    @Mixin
    StoreOptions store;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = ServerOptions.DEFAULT_BIND,
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServerOptions.DEFAULT_PORT,
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES", defaultValue = "" + ServerOptions.DEFAULT_MAX_BODY_BYTES,
            description = "Largest JSON request body; larger is 413 (default: ${DEFAULT-VALUE}).")
    long maxBody;

    @Option(names = "--max-bundle-bytes", paramLabel = "BYTES", defaultValue = "" + ServerOptions.DEFAULT_MAX_BUNDLE_BYTES,
            description = "Largest bundle upload (default: ${DEFAULT-VALUE}).")
    long maxBundle;

    @Option(names = "--batch-limit", paramLabel = "N", defaultValue = "" + ServerOptions.DEFAULT_BATCH_LIMIT,
            description = "Most records in one score or events request (default: ${DEFAULT-VALUE}).")
    int batchLimit;

    @Option(names = "--rate-limit", paramLabel = "PER_SECOND", defaultValue = "" + ServerOptions.DEFAULT_RATE_LIMIT,
            description = "Requests a second per API key, 0 for none; over it is 429 (default: ${DEFAULT-VALUE}).")
    double rateLimit;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN",
            description = "Allow browser calls from this origin (repeatable; default: no CORS).")
    List<String> cors = List.of();

    @Option(names = "--entity-field", paramLabel = "FIELD",
            description = "Event field naming the entity (default: the bundle's feature plan entity, else its first text id column).")
    String entityField;

    @Option(names = "--time-field", paramLabel = "FIELD",
            description = "Event field holding the event time (default: the feature plan's timestamp, else the first timestamp column).")
    String timeField;

    @Option(names = "--deliveries", paramLabel = "ROUTES.yaml",
            description = "Send every stored alert to the webhook routes of this file, with retries and a dead-letter log "
                + "(docs/delivery.md; default: no delivery).")
    Path deliveries;

    @Option(names = "--entity-state-lateness", paramLabel = "DURATION", defaultValue = "1d",
            description = "How far behind a source's newest event an event may come and still find its entity's feature "
                + "state; older states than the feature plan's entity_ttl plus this are deleted (default: ${DEFAULT-VALUE}).")
    String stateLateness;

    @Option(names = "--entity-state-prune-every", paramLabel = "SECONDS", defaultValue = "60",
            description = "Seconds between deletions of expired entity feature states; 0 = never (default: ${DEFAULT-VALUE}).")
    long pruneEvery;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port must be 0 to 65535, not " + port);
        }
        if (maxBody < 1024 || batchLimit < 1 || rateLimit < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--max-body-bytes must be at least 1024, --batch-limit at least 1 and --rate-limit at least 0");
        }
        long lateness = stateLateness.trim().equals("0") ? 0 : io.sentinelrisk.features.spec.Durations.parseMillis(stateLateness);
        if (lateness < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--entity-state-lateness must be a duration like 30m, 1h or 1d (or 0), not '" + stateLateness + "'");
        }
        if (pruneEvery < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--entity-state-prune-every must be at least 0 (0 = never)");
        }
        SourceModels parsed = SourceModels.parse(models, spec.commandLine());
        ServerOptions options = store.apply(new ServerOptions(parsed.fallback(), null, null, store.dataDir, bind, port, maxBody,
                maxBundle, batchLimit, rateLimit, cors, entityField, timeField, deliveries, parsed.bySource(),
                new ServerOptions.StatePruning(lateness, pruneEvery)));
        SentinelServer server = SentinelServer.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "sentinel-serve-shutdown"));
        var out = spec.commandLine().getOut();
        out.println("sentinel serve: listening on http://" + bind + ":" + server.port() + " (" + server.modelsDisplay()
                + ", store " + server.database().display() + ")");
        out.flush();
        stopped.await();
        return 0;
    }
}
