package io.sentinelrisk.server.auth;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key token buckets: each key may make {@code perSecond} requests a second on average, with
 * bursts up to one second's worth. Over the limit a request is answered 429 with Retry-After.
 */
public final class RateLimiter {
    private final double perSecond;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perSecond requests a second per key; 0 or less = no limit */
    public RateLimiter(double perSecond) {
        this.perSecond = perSecond;
    }

    /** True when the key may make one more request now (and takes a token for it). */
    public boolean tryAcquire(String keyId) {
        if (perSecond <= 0) {
            return true;
        }
        return buckets.computeIfAbsent(keyId, k -> new Bucket(perSecond)).take(perSecond, System.nanoTime());
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double capacity) {
            this.tokens = capacity;
            this.last = System.nanoTime();
        }

        synchronized boolean take(double rate, long now) {
            tokens = Math.min(rate, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
