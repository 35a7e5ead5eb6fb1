package io.sentinelrisk.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.sentinelrisk.server.api.Api;
import io.sentinelrisk.server.error.ApiException;
import io.sentinelrisk.server.api.ErrorBody;
import io.sentinelrisk.server.api.JsonBodies;
import io.sentinelrisk.server.api.RequestGate;
import io.sentinelrisk.server.api.Route;
import io.sentinelrisk.server.api.RouteTable;
import io.sentinelrisk.server.auth.KeyStore;
import io.sentinelrisk.server.auth.RateLimiter;
import io.sentinelrisk.server.delivery.DeliveryConfig;
import io.sentinelrisk.server.delivery.DeliveryLog;
import io.sentinelrisk.server.delivery.DeliveryService;
import io.sentinelrisk.server.metrics.ServerMetrics;
import io.sentinelrisk.server.scoring.EventIngest;
import io.sentinelrisk.server.scoring.ModelRegistry;
import io.sentinelrisk.server.stats.DriftMetrics;
import io.sentinelrisk.server.store.Database;
import io.sentinelrisk.server.web.Dashboard;
import io.sentinelrisk.server.web.Page;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code sentinel serve}: the REST API on Javalin (Jetty), the stores, the model registry and the
 * metrics, wired together. {@link #start} opens and migrates the store, loads the champion and
 * listens; {@link #stop} drains running requests, then stops Jetty and closes the store.
 */
public final class SentinelServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SentinelServer.class);
    /** The Swagger UI webjar version (its files are served offline under /webjars). */
    static final String SWAGGER_UI = "5.35.0";

    private final ServerOptions options;
    private final Database db;
    private final ModelRegistry registry;
    private final EventIngest ingest;
    private final KeyStore keys;
    private final ServerMetrics metrics;
    private final RequestGate gate;
    private final List<Route> routes;
    private final Api api;
    private final Dashboard dashboard;
    private final Javalin app;
    /** How often each source's drift is recomputed for /metrics. */
    static final long DRIFT_REFRESH_SECONDS = 60;
    private final java.util.concurrent.ScheduledExecutorService driftRefresh =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "drift-metrics");
                t.setDaemon(true);
                return t;
            });
    private final io.sentinelrisk.server.scoring.EntityStatePruner pruner;
    private final java.util.concurrent.ScheduledExecutorService pruning =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "entity-state-prune");
                t.setDaemon(true);
                return t;
            });
    /** Null when the server runs without delivery routes. */
    private volatile DeliveryService deliveries;
    private volatile boolean stopped;

    private SentinelServer(ServerOptions options, Database db, ServerMetrics metrics) {
        this.options = options;
        this.db = db;
        this.metrics = metrics;
        this.keys = new KeyStore(db);
        this.registry = new ModelRegistry(db, options.dataDir().resolve("tmp"), options.entityField(), options.timeField(),
                (source, m) -> metrics.model(source, m.version()));
        this.ingest = new EventIngest(db, metrics, registry);
        this.pruner = new io.sentinelrisk.server.scoring.EntityStatePruner(db, ingest, metrics, options.pruning().latenessMs());
        this.gate = new RequestGate(keys, new RateLimiter(options.rateLimit()), metrics);
        this.api = new Api(db, registry, ingest, keys, metrics,
                new Api.Limits(options.maxBodyBytes(), options.maxBundleBytes(), options.batchLimit()));
        this.routes = RouteTable.v1(api);
        this.dashboard = new Dashboard(api, keys, metrics, () -> deliveries == null ? List.of() : deliveries.routeNames());
        // every committed alert reaches the open dashboards (and the delivery routes, once started)
        ingest.listener(this::alertsStored);
        byte[] openApi = openApiJson();
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = Math.max(options.maxBodyBytes(), options.maxBundleBytes());
            config.http.defaultContentType = "application/json";
            config.jetty.host = options.bind();
            config.jetty.port = options.port();
            config.staticFiles.enableWebjars();
            dashboard.register(config);
            if (!options.corsOrigins().isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    List<String> origins = options.corsOrigins();
                    rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
                }));
            }
            for (Route r : routes) {
                config.routes.addHttpHandler(r.method(), r.path(), gate.wrap(r));
            }
            config.routes.addHttpHandler(HandlerType.GET, "/health", gate.wrap(new Route(HandlerType.GET, "/health", null,
                    ctx -> JsonBodies.send(ctx, 200, Map.of("status", "ok")))));
            config.routes.addHttpHandler(HandlerType.GET, "/ready", gate.wrap(new Route(HandlerType.GET, "/ready", null,
                    this::ready)));
            config.routes.addHttpHandler(HandlerType.GET, "/metrics", gate.wrap(new Route(HandlerType.GET, "/metrics", null,
                    ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()))));
            config.routes.addHttpHandler(HandlerType.GET, "/openapi.json", gate.wrap(new Route(HandlerType.GET, "/openapi.json", null,
                    ctx -> ctx.contentType("application/json").result(openApi))));
            config.routes.addHttpHandler(HandlerType.GET, "/docs", gate.wrap(new Route(HandlerType.GET, "/docs", null,
                    ctx -> ctx.contentType("text/html; charset=utf-8").result(docsPage()))));
            config.routes.error(404, ctx -> {
                if (ctx.attribute(JsonBodies.ANSWERED) == null) {
                    JsonBodies.send(ctx, 404, ErrorBody.of("not_found", "no route " + ctx.method() + " "
                            + io.sentinelrisk.core.error.DisplayText.truncate(ctx.path()), null));
                }
            });
            config.routes.error(405, ctx -> {
                if (ctx.attribute(JsonBodies.ANSWERED) == null) {
                    JsonBodies.send(ctx, 405, ErrorBody.of("method_not_allowed", "method " + ctx.method() + " is not allowed on "
                            + io.sentinelrisk.core.error.DisplayText.truncate(ctx.path()), null));
                }
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (e instanceof ApiException a) {
                    JsonBodies.send(ctx, a.status(), ErrorBody.of(a.code(), a.getMessage(), a.field()));
                    return;
                }
                if (e instanceof io.javalin.http.HttpResponseException h) {
                    JsonBodies.send(ctx, h.getStatus(), ErrorBody.of(h.getStatus() == 413 ? "body_too_large" : "bad_request",
                            h.getMessage(), null));
                    return;
                }
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                JsonBodies.send(ctx, 500, ErrorBody.of("internal_error", "the server failed on this request; it is logged", null));
            });
        });
    }

    /**
     * Opens the store (migrating it), registers the model and starts listening. Problems with the
     * options, the store or the bundle are InputExceptions (one line, exit 2 from the CLI).
     */
    public static SentinelServer start(ServerOptions options) {
        LogSafety.capHeaderLoggers();
        // read before the store opens: a bad routes file is one line and exit 2, nothing touched
        DeliveryConfig delivery = options.deliveries() == null ? null : DeliveryConfig.read(options.deliveries(), System::getenv);
        ServerMetrics metrics = new ServerMetrics();
        Database db = Database.open(options.db(), options.dataDir(), options.dbSchema(), metrics::store);
        SentinelServer server = null;
        try {
            server = new SentinelServer(options, db, metrics);
            server.registry.start(options.model(), options.sourceModels());
            server.api.refreshPrecision();
            if (delivery != null) {
                server.startDelivery(delivery);
            }
            server.app.start();
            SentinelServer running = server;
            server.driftRefresh.scheduleWithFixedDelay(running::refreshDriftMetrics, DRIFT_REFRESH_SECONDS,
                    DRIFT_REFRESH_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            long every = options.pruning().intervalSeconds();
            if (every > 0) {
                server.pruning.scheduleWithFixedDelay(running::pruneEntityStates, every, every, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (RuntimeException e) {
            if (server != null) {
                server.driftRefresh.shutdownNow();
                server.pruning.shutdownNow();
            }
            if (server != null && server.deliveries != null) {
                server.deliveries.close();
            }
            db.close();
            throw e;
        }
        LOG.info("serving {} on http://{}:{} (store {})", server.modelsDisplay(), options.bind(),
                server.app.port(), db.display());
        return server;
    }

    /**
     * Sends every alert that ingest commits to the delivery routes. Set before Jetty listens, so
     * no stored alert is missed; {@code submit} only queues, so ingest never waits for a receiver.
     */
    private void startDelivery(DeliveryConfig config) {
        deliveries = new DeliveryService(config, new DeliveryLog(db.dataSource()));
        metrics.deliveries(deliveries);
        LOG.info("delivering alerts to {} route(s): {}", config.routes().size(), deliveries.routeNames());
    }

    /** Ingest committed alerts: the open feeds reload, and each alert goes to the delivery routes when they run. */
    private void alertsStored(List<EventIngest.Stored> stored) {
        dashboard.alertsStored();
        DeliveryService d = deliveries;
        if (d != null) {
            for (EventIngest.Stored s : stored) {
                d.submit(s.alert());
            }
        }
    }

    /** The champions for the start line: "model m-…" (the default model alone), else "models m-… (api), m-… (soc)". */
    public String modelsDisplay() {
        var champions = registry.champions();
        if (champions.size() == 1 && champions.containsKey(io.sentinelrisk.server.scoring.Sources.DEFAULT)) {
            return "model " + champions.get(io.sentinelrisk.server.scoring.Sources.DEFAULT).version();
        }
        List<String> parts = new ArrayList<>();
        champions.forEach((source, m) -> parts.add(m.version() + " (" + source + ")"));
        return "models " + String.join(", ", parts);
    }

    /**
     * Deletes the expired entity feature states ({@link io.sentinelrisk.server.scoring.EntityStatePruner});
     * the server does it every {@code --entity-state-prune-every} seconds. A failure is logged and
     * the next run tries again.
     */
    public io.sentinelrisk.server.scoring.EntityStatePruner.Outcome pruneEntityStates() {
        try {
            var outcome = pruner.pruneOnce();
            if (outcome.pruned() > 0) {
                LOG.info("entity state: pruned {} expired, {} stored", outcome.pruned(), outcome.rows());
            }
            return outcome;
        } catch (RuntimeException e) {
            LOG.warn("entity state not pruned: {}", e.toString());
            return null;
        }
    }

    /**
     * Recomputes every source's drift for /metrics ({@link DriftMetrics}); the server does it every
     * {@value #DRIFT_REFRESH_SECONDS} s. A failure is logged and the previous values stay.
     */
    public void refreshDriftMetrics() {
        try {
            DriftMetrics.refresh(db, registry::forSource, metrics);
        } catch (RuntimeException e) {
            LOG.warn("drift metrics not refreshed: {}", e.toString());
        }
    }

    private void ready(Context ctx) {
        boolean ok = !gate.draining() && registry.hasModel() && db.ping();
        JsonBodies.send(ctx, ok ? 200 : 503, Map.of("status", ok ? "ready" : "not_ready",
                "model_version", registry.active() == null ? "" : registry.active().version()));
    }

    public int port() {
        return app.port();
    }

    /** The routes under /v1 (with their roles), as registered. */
    public List<Route> routes() {
        return routes;
    }

    /** The dashboard's routes (outside /v1; not in the OpenAPI document), with their roles. */
    public List<Page> pages() {
        return dashboard.pages();
    }

    /** The dashboard (its sessions, for tests and sign-out of revoked keys). */
    public Dashboard dashboard() {
        return dashboard;
    }

    /** Every HTTP route Jetty answers, as "METHOD path" (for the OpenAPI test). */
    public List<String> registeredRoutes() {
        List<String> out = new ArrayList<>();
        for (var e : app.unsafe.internalRouter.allHttpHandlers()) {
            out.add(e.endpoint.method.name() + " " + e.endpoint.path);
        }
        return out;
    }

    public KeyStore keys() {
        return keys;
    }

    public EventIngest ingest() {
        return ingest;
    }

    public ModelRegistry registry() {
        return registry;
    }

    public Database database() {
        return db;
    }

    /** The delivery service, or null when the server runs without {@code --deliveries}. */
    public DeliveryService deliveries() {
        return deliveries;
    }

    /**
     * Graceful stop: new requests get 503 while running ones finish (up to 30 s), then Jetty
     * stops, delivery drains its queues (up to its {@code shutdown_drain}, the rest stored as dead
     * letters) and the store closes.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        // open feeds hold a connection each: close them first so they do not hold up the drain
        dashboard.close();
        if (!gate.drain(30_000)) {
            LOG.warn("requests still running after 30 s; stopping anyway");
        }
        app.stop();
        driftRefresh.shutdownNow();
        pruning.shutdownNow();
        try {
            // a pruning run in progress finishes its batch before the store closes
            pruning.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (deliveries != null) {
            // after the requests: every alert they committed has been handed over by now
            deliveries.close();
        }
        db.close();
        LOG.info("stopped");
    }

    @Override
    public void close() {
        stop();
    }

    /** The OpenAPI document (written as YAML in the resources, served as JSON). */
    static byte[] openApiJson() {
        try (InputStream in = SentinelServer.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the server jar");
            }
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(in);
            return JsonBodies.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read openapi.yaml", e);
        }
    }

    private static byte[] docsPage() {
        String base = "/webjars/swagger-ui/" + SWAGGER_UI;
        return ("""
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><title>SentinelRisk API</title>
                <link rel="stylesheet" href="%1$s/swagger-ui.css"></head>
                <body><div id="swagger-ui"></div>
                <script src="%1$s/swagger-ui-bundle.js"></script>
                <script>window.ui = SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui'});</script>
                </body></html>
                """.formatted(base)).getBytes(StandardCharsets.UTF_8);
    }
}
