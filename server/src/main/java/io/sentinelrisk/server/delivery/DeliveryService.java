package io.sentinelrisk.server.delivery;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.format.AlertFormat;
import io.sentinelrisk.core.export.format.AlertView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends stored alerts to the configured routes. {@link #submit} never waits for a receiver: each
 * route has its own bounded queue and worker thread (a slow or dead receiver delays only its own
 * route); a full queue turns the alert into a dead letter at once. A worker retries failed
 * attempts with exponential back-off (resilience4j {@link Retry}); when retries are exhausted or
 * the receiver refuses the payload, the delivery becomes a dead letter in the delivery log. On
 * {@link #close} queued deliveries get {@code shutdown_drain} to finish, then whatever is left is
 * stored as dead letters, so no alert handed over is lost without a trace.
 */
public final class DeliveryService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryService.class);

    private final DeliveryConfig config;
    private final DeliveryLog log;
    private final HttpClient client;
    private final HttpSender sender;
    private final Clock clock;
    private final List<RouteWorker> workers = new ArrayList<>();
    private volatile boolean accepting = true;

    public DeliveryService(DeliveryConfig config, DeliveryLog log) {
        this(config, log, HttpSender.defaultClient(longestTimeout(config)), Clock.systemUTC());
    }

    DeliveryService(DeliveryConfig config, DeliveryLog log, HttpClient client, Clock clock) {
        this.config = config;
        this.log = log;
        this.client = client;
        this.sender = new HttpSender(client);
        this.clock = clock;
        for (DeliveryRoute route : config.routes()) {
            RouteWorker w = new RouteWorker(route);
            workers.add(w);
            w.thread.start();
        }
    }

    private static Duration longestTimeout(DeliveryConfig config) {
        return config.routes().stream().map(DeliveryRoute::timeout).max(Duration::compareTo).orElse(DeliveryConfig.DEFAULT_TIMEOUT);
    }

    /**
     * Hands an alert to every route that accepts it (severity, categories). Returns at once with
     * the number of routes it was queued for; a route whose queue is full (or a service that is
     * closing) records a dead letter instead.
     */
    public int submit(Alert alert) {
        int queued = 0;
        Instant now = clock.instant();
        for (RouteWorker w : workers) {
            if (!w.route.accepts(alert)) {
                continue;
            }
            if (!accepting) {
                w.deadLetter(new Pending(alert, now), 0, null, "not sent: delivery is shutting down");
            } else {
                w.pending.incrementAndGet();   // before the worker can see it: close() must not miss it
                if (w.queue.offer(new Pending(alert, now))) {
                    queued++;
                } else {
                    w.pending.decrementAndGet();
                    w.deadLetter(new Pending(alert, now), 0, null,
                            "not sent: the route's queue is full (queue_capacity " + config.queueCapacity() + ")");
                }
            }
        }
        return queued;
    }

    /** A page of the delivery log, for {@code GET /v1/deliveries}. */
    public DeliveryPage deliveries(DeliveryQuery query) {
        return log.list(query);
    }

    /** Deliveries queued or in flight, all routes. */
    public int pending() {
        int n = 0;
        for (RouteWorker w : workers) {
            n += w.pending.get();
        }
        return n;
    }

    /** Deliveries ended since start, by outcome (for metrics). */
    public long delivered() {
        return workers.stream().mapToLong(w -> w.delivered.get()).sum();
    }

    public long deadLettered() {
        return workers.stream().mapToLong(w -> w.deadLettered.get()).sum();
    }

    /** The route names, in configuration order. */
    public List<String> routeNames() {
        return workers.stream().map(w -> w.route.name()).toList();
    }

    /** Deliveries of one route that reached its receiver since start (0 for an unknown route). */
    public long delivered(String route) {
        RouteWorker w = worker(route);
        return w == null ? 0 : w.delivered.get();
    }

    /** Attempts of one route that failed (each retry counts; a delivery retried twice then sent counts 2). */
    public long failedAttempts(String route) {
        RouteWorker w = worker(route);
        return w == null ? 0 : w.failedAttempts.get();
    }

    /** Deliveries of one route that ended as dead letters since start. */
    public long deadLettered(String route) {
        RouteWorker w = worker(route);
        return w == null ? 0 : w.deadLettered.get();
    }

    private RouteWorker worker(String route) {
        for (RouteWorker w : workers) {
            if (w.route.name().equals(route)) {
                return w;
            }
        }
        return null;
    }

    public DeliveryConfig config() {
        return config;
    }

    /**
     * Stops taking alerts, waits up to {@code shutdown_drain} for the queues to empty, then stops
     * the workers and stores every delivery still pending as a dead letter.
     */
    @Override
    public void close() {
        accepting = false;
        long deadline = System.nanoTime() + config.shutdownDrain().toNanos();
        while (pending() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (RouteWorker w : workers) {
            w.stopping = true;
            w.thread.interrupt();
        }
        for (RouteWorker w : workers) {
            try {
                w.thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<Pending> left = new ArrayList<>();
            w.queue.drainTo(left);
            w.pending.addAndGet(-left.size());
            for (Pending p : left) {
                w.deadLetter(p, 0, null, "not sent before shutdown (shutdown_drain " + config.shutdownDrain().toMillis() + " ms)");
            }
        }
        client.shutdownNow();
    }

    /** An alert waiting for one route, and when it was handed over. */
    private record Pending(Alert alert, Instant createdAt) {
    }

    /** One route's queue, retry and worker thread. */
    private final class RouteWorker implements Runnable {
        final DeliveryRoute route;
        final AlertFormat format;
        final BlockingQueue<Pending> queue;
        final Retry retry;
        final Thread thread;
        /**
         * Deliveries queued or in flight. One count from before the queue holds an alert until its
         * delivery ended: queue size plus an in-flight count had a gap between the worker's take
         * and its count, where close() saw nothing pending and cut a delivery it should have let finish.
         */
        final AtomicInteger pending = new AtomicInteger();
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong deadLettered = new AtomicLong();
        final AtomicLong failedAttempts = new AtomicLong();
        volatile boolean stopping;

        RouteWorker(DeliveryRoute route) {
            this.route = route;
            this.format = route.formatter();
            this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
            RetryPolicy p = config.retry();
            this.retry = Retry.of("delivery-" + route.name(), RetryConfig.custom()
                    .maxAttempts(p.maxAttempts())
                    .intervalFunction(IntervalFunction.ofExponentialBackoff(p.initialBackoff(), p.multiplier(), p.maxBackoff()))
                    .retryOnException(e -> e instanceof DeliveryFailure f && f.retryable())
                    .build());
            this.thread = new Thread(this, "delivery-" + route.name());
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (!stopping) {
                Pending p;
                try {
                    p = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    deliver(p);
                } catch (RuntimeException e) {
                    // a broken log store must not kill the worker; the alert is reported here instead
                    LOG.error("delivery route {}: {}", route.name(), route.redact(String.valueOf(e.getMessage())));
                } finally {
                    pending.decrementAndGet();
                }
            }
        }

        private void deliver(Pending p) {
            String body = format.render(p.alert(), clock.instant());
            AtomicInteger attempts = new AtomicInteger();
            try {
                int status = retry.executeCheckedSupplier(() -> {
                    if (stopping) {
                        throw new InterruptedException();
                    }
                    attempts.incrementAndGet();
                    try {
                        return sender.send(route, format.contentType(), body);
                    } catch (DeliveryFailure f) {
                        failedAttempts.incrementAndGet();
                        throw f;
                    }
                });
                delivered.incrementAndGet();
                log.record(new DeliveryRecord(0, route.name(), route.format().id(), new AlertView(p.alert()).key(),
                        p.alert().severity(), DeliveryStatus.DELIVERED.id(), attempts.get(), status, null, null,
                        p.createdAt(), clock.instant()));
            } catch (DeliveryFailure f) {
                String why = stopping ? "shutdown while retrying; last error: " + f.getMessage()
                        : f.retryable() ? "gave up after " + attempts.get() + " attempts: " + f.getMessage()
                        : "refused by the receiver: " + f.getMessage();
                deadLetter(p, attempts.get(), f.httpStatus(), why);
            } catch (InterruptedException e) {
                deadLetter(p, attempts.get(), null, "shutdown during the attempt");
            } catch (Throwable t) {
                deadLetter(p, attempts.get(), null, "failed: " + t.getClass().getSimpleName() + " " + t.getMessage());
            }
        }

        /** Stores the dead letter; a failing store is logged, never thrown at the caller (ingest must go on). */
        void deadLetter(Pending p, int attempts, Integer httpStatus, String why) {
            deadLettered.incrementAndGet();
            String reason = route.redact(why);
            String key = new AlertView(p.alert()).key();
            LOG.warn("delivery route {}: alert {} is a dead letter: {}", route.name(), key, reason);
            try {
                log.record(new DeliveryRecord(0, route.name(), route.format().id(), key, p.alert().severity(),
                        DeliveryStatus.DEAD_LETTER.id(), attempts, httpStatus, reason, Json.line(p.alert()), p.createdAt(),
                        clock.instant()));
            } catch (RuntimeException e) {
                LOG.error("delivery route {}: alert {} lost: cannot store its dead letter: {}", route.name(), key, e.getMessage());
            }
        }
    }
}
