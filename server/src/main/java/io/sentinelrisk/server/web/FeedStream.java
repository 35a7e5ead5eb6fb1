package io.sentinelrisk.server.web;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Server-sent events to every open feed: an {@code alerts} event when ingest has stored new alerts
 * (the page then reloads its list through htmx), and a comment every 15 s so dead connections are
 * noticed. Sending runs on its own thread, so a slow browser never delays ingest, and a burst of
 * batches becomes one event.
 */
public final class FeedStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedStream.class);
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "feed-stream");
        t.setDaemon(true);
        return t;
    });
    /** Shortest time between two {@code alerts} events. */
    static final long MIN_GAP_MILLIS = 500;
    private final AtomicBoolean pending = new AtomicBoolean();
    /** When the last {@code alerts} event went out (written and read on the sender thread, and read when scheduling). */
    /** System.nanoTime() of the last event sent (monotonic: a wall clock set back would hold events up). */
    private volatile long lastSent = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(MIN_GAP_MILLIS);
    private final SseHandler handler = new SseHandler(client -> {
        client.keepAlive();
        clients.add(client);
        client.onClose(() -> clients.remove(client));
        client.sendComment("connected");
    });

    public FeedStream() {
        sender.scheduleWithFixedDelay(() -> send(c -> c.sendComment("ping")), 15, 15, TimeUnit.SECONDS);
    }

    /** Opens the event stream of one feed (called by its page route, after the gate). */
    public void open(Context ctx, WebSession session) throws Exception {
        handler.handle(ctx);
    }

    /**
     * New alerts were stored: tell every feed. At most one event is pending, and events are at
     * least {@link #MIN_GAP_MILLIS} apart, so a steady stream of batches reloads each feed at most
     * twice a second instead of once per batch.
     */
    public void alertsStored() {
        if (pending.compareAndSet(false, true)) {
            long wait = Math.max(0, lastSent + TimeUnit.MILLISECONDS.toNanos(MIN_GAP_MILLIS) - System.nanoTime());
            sender.schedule(() -> {
                pending.set(false);
                lastSent = System.nanoTime();
                send(c -> c.sendEvent("alerts", "new"));
            }, wait, TimeUnit.NANOSECONDS);
        }
    }

    public int clients() {
        return clients.size();
    }

    private void send(java.util.function.Consumer<SseClient> what) {
        for (SseClient c : clients) {
            try {
                if (c.terminated()) {
                    clients.remove(c);
                } else {
                    what.accept(c);
                }
            } catch (RuntimeException e) {
                LOG.debug("feed client gone: {}", e.toString());
                clients.remove(c);
            }
        }
    }

    /** Closes every stream (before the server drains, so open feeds do not hold it up). */
    @Override
    public void close() {
        sender.shutdownNow();
        for (SseClient c : clients) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.debug("closing a feed client: {}", e.toString());
            }
        }
        clients.clear();
    }
}
