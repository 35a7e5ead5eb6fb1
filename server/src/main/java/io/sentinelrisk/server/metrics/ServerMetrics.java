package io.sentinelrisk.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sentinelrisk.server.delivery.DeliveryService;

import java.time.Duration;

/**
 * The server's Prometheus metrics (Micrometer): request latency per route, events scored, alerts
 * by severity and category, the champion model, feedback precision and store latency. Names and
 * labels are listed in docs/server.md.
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter eventsScored;
    private final Counter recordsScored;
    private final java.util.concurrent.ConcurrentHashMap<String, String> modelVersions = new java.util.concurrent.ConcurrentHashMap<>();
    /** The last value of each drift gauge, by its name and tags (a gauge reads its holder at scrape time). */
    private final java.util.concurrent.ConcurrentHashMap<String, double[]> driftValues = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile double precision = Double.NaN;
    private volatile double entityStateRows = Double.NaN;
    private final Counter entityStatesPruned;
    /** Request timers by "METHOD route status". */
    private final java.util.concurrent.ConcurrentHashMap<String, Timer> requestTimers = new java.util.concurrent.ConcurrentHashMap<>();
    /** Store timers by operation, alert counters by "severity category". */
    private final java.util.concurrent.ConcurrentHashMap<String, Timer> storeTimers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, Counter> alertCounters = new java.util.concurrent.ConcurrentHashMap<>();

    public ServerMetrics() {
        eventsScored = Counter.builder("sentinel.events.scored").description("ingested events scored (POST /v1/events)")
                .register(registry);
        recordsScored = Counter.builder("sentinel.records.scored").description("records scored without storing (POST /v1/score)")
                .register(registry);
        entityStatesPruned = Counter.builder("sentinel.entity.state.pruned")
                .description("entity feature states deleted from the store as expired").register(registry);
        Gauge.builder("sentinel.entity.state.rows", this, m -> m.entityStateRows)
                .description("entity feature states in the store, as counted by the last pruning run").register(registry);
        Gauge.builder("sentinel.feedback.precision", this, m -> m.precision)
                .description("share of alerts with feedback that analysts confirmed (true_positive)").register(registry);
    }

    /** Latency of one request on a route template (e.g. /v1/alerts/{id}). */
    public void request(String method, String route, int status, long nanos) {
        // looked up by a plain string key: building and registering a Timer.Id on every request
        // (tags sorted, id hashed) cost more than recording the latency
        String key = method + ' ' + route + ' ' + status;
        Timer timer = requestTimers.get(key);
        if (timer == null) {
            timer = requestTimers.computeIfAbsent(key, k -> Timer.builder("sentinel.http.requests")
                    .description("HTTP request latency by route")
                    .tags("method", method, "route", route, "status", Integer.toString(status))
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(10)).register(registry));
        }
        timer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Latency of one store operation (events.ingest, alerts.list…). */
    public void store(String operation, long nanos) {
        // looked up like the request timers: one registration per operation, not per call
        storeTimers.computeIfAbsent(operation, op -> Timer.builder("sentinel.store.operations")
                        .description("store (database) operation latency").tag("operation", op)
                        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(10)).register(registry))
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void eventsScored(int n) {
        eventsScored.increment(n);
    }

    /** Entity states the pruning deleted. */
    public void entityStatesPruned(int n) {
        entityStatesPruned.increment(n);
    }

    /** Entity states stored, counted after a pruning run. */
    public void entityStateRows(long n) {
        entityStateRows = n;
    }

    public void recordsScored(int n) {
        recordsScored.increment(n);
    }

    public void alertStored(String severity, String category) {
        String c = category == null ? "none" : category;
        alertCounters.computeIfAbsent(severity + ' ' + c, k -> Counter.builder("sentinel.alerts.stored")
                .description("alerts stored, by severity and category").tags("severity", severity, "category", c)
                .register(registry)).increment();
    }

    /** A source's champion: sentinel_model_info{source=…,version=…} 1, one series per source. */
    public void model(String source, String version) {
        String previous = modelVersions.put(source, version);
        if (version.equals(previous)) {
            return;
        }
        if (previous != null) {
            registry.find("sentinel.model.info").tag("source", source).gauges().forEach(registry::remove);
        }
        Gauge.builder("sentinel.model.info", () -> 1).description("the champion model scoring each source now")
                .tags("source", source, "version", version).register(registry);
    }

    /**
     * Per-route delivery counts, read from the service at scrape time:
     * {@code sentinel_deliveries_sent_total}, {@code _failed_total} (failed attempts, retries
     * included) and {@code _dead_lettered_total}, each labelled {@code route}. The registry keeps
     * only a weak reference to {@code service}; the server holds it for as long as it runs.
     */
    public void deliveries(DeliveryService service) {
        for (String route : service.routeNames()) {
            FunctionCounter.builder("sentinel.deliveries.sent", service, s -> s.delivered(route))
                    .description("alerts delivered (2xx from the receiver), by route").tag("route", route).register(registry);
            FunctionCounter.builder("sentinel.deliveries.failed", service, s -> s.failedAttempts(route))
                    .description("delivery attempts that failed (each retry counts), by route").tag("route", route)
                    .register(registry);
            FunctionCounter.builder("sentinel.deliveries.dead_lettered", service, s -> s.deadLettered(route))
                    .description("deliveries that ended as dead letters, by route").tag("route", route).register(registry);
        }
        Gauge.builder("sentinel.deliveries.pending", service, DeliveryService::pending)
                .description("deliveries queued or in flight, all routes").register(registry);
    }

    /**
     * A source's drift against its model's training profile, as last refreshed:
     * {@code sentinel_drift_score_psi{source}}, {@code sentinel_drift_psi{source,column}} per model
     * input, and {@code sentinel_drift_columns{source}}, the inputs whose drift is significant.
     */
    public void drift(String source, double scorePsi, java.util.Map<String, Double> psiByColumn, int significantColumns) {
        driftGauge("sentinel.drift.score.psi", "PSI of the raw score's recent distribution against training", scorePsi,
                "source", source);
        psiByColumn.forEach((column, psi) -> driftGauge("sentinel.drift.psi",
                "PSI of a model input's recent distribution against training", psi, "source", source, "column", column));
        driftGauge("sentinel.drift.columns", "model inputs whose drift is significant (PSI >= 0.25)", significantColumns,
                "source", source);
    }

    private void driftGauge(String name, String description, double value, String... tags) {
        double[] holder = driftValues.computeIfAbsent(name + java.util.Arrays.toString(tags), k -> {
            double[] h = {Double.NaN};
            Gauge.builder(name, h, a -> a[0]).description(description).tags(tags).register(registry);
            return h;
        });
        holder[0] = value;
    }

    public void precision(double value) {
        precision = value;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
