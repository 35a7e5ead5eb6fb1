package io.sentinelrisk.server.api;

import io.sentinelrisk.server.error.ApiException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.sentinelrisk.server.auth.ApiKey;
import io.sentinelrisk.server.auth.KeyStore;
import io.sentinelrisk.server.auth.RateLimiter;
import io.sentinelrisk.server.metrics.ServerMetrics;
import io.sentinelrisk.server.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every request goes through around its handler: refused while the server drains (503),
 * the API key and role check (401 / 403), the per-key rate limit (429), errors turned into the
 * one JSON error body (never a stack trace), and the latency metric of its route. Keys are never
 * logged: log lines name the key's id and name only.
 */
public final class RequestGate {
    public static final String KEY_ATTRIBUTE = "sentinel.key";
    private static final Logger LOG = LoggerFactory.getLogger(RequestGate.class);

    private final KeyStore keys;
    private final RateLimiter limiter;
    private final ServerMetrics metrics;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();

    public RequestGate(KeyStore keys, RateLimiter limiter, ServerMetrics metrics) {
        this.keys = keys;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    /** The handler of {@code route} wrapped with the checks above. */
    public Handler wrap(Route route) {
        return ctx -> {
            long start = System.nanoTime();
            inFlight.incrementAndGet();
            try {
                if (draining.get()) {
                    throw new ApiException(503, "shutting_down", "the server is shutting down; retry on another instance or later", null);
                }
                if (route.role() != null) {
                    ApiKey key = authenticate(ctx);
                    if (!key.role().allows(route.role())) {
                        throw new ApiException(403, "forbidden", "this key has role " + key.role().id() + "; "
                                + route.method() + " " + route.path() + " needs " + route.role().id()
                                + (route.role().id().equals("admin") ? "" : " or admin"), null);
                    }
                    if (!limiter.tryAcquire(key.id())) {
                        ctx.header("Retry-After", "1");
                        throw new ApiException(429, "rate_limited", "too many requests for this key; slow down", null);
                    }
                    ctx.attribute(KEY_ATTRIBUTE, key);
                }
                route.handler().handle(ctx);
            } catch (ApiException e) {
                error(ctx, e);
            } catch (StoreException e) {
                LOG.error("store operation {} failed: {}", e.operation(), e.getMessage());
                error(ctx, new ApiException(503, "store_unavailable", "the store could not complete the request; retry", null));
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", route.method(), route.path(), e);
                error(ctx, new ApiException(500, "internal_error", "the server failed on this request; it is logged", null));
            } finally {
                inFlight.decrementAndGet();
                metrics.request(route.method().name(), route.path(), ctx.statusCode(), System.nanoTime() - start);
            }
        };
    }

    private ApiKey authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized", "an API key is required: Authorization: Bearer KEY", null);
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized", "the Authorization header must be 'Bearer KEY'", null);
        }
        Optional<ApiKey> key = keys.authenticate(header.substring(7).trim());
        if (key.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw new ApiException(401, "unauthorized", "the API key is unknown or revoked", null);
        }
        return key.get();
    }

    static void error(Context ctx, ApiException e) {
        JsonBodies.send(ctx, e.status(), ErrorBody.of(e.code(), e.getMessage(), e.field()));
    }

    /** Stops taking new requests (they get 503) and waits up to {@code millis} for those running to finish. */
    public boolean drain(long millis) {
        draining.set(true);
        long until = System.nanoTime() + millis * 1_000_000L;   // monotonic: a wall clock set back would stretch the drain
        while (inFlight.get() > 0 && System.nanoTime() - until < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return inFlight.get() == 0;
    }

    public boolean draining() {
        return draining.get();
    }
}
