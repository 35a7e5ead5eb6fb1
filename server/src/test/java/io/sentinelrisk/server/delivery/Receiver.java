package io.sentinelrisk.server.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local webhook receiver on 127.0.0.1 (a free port) for delivery tests: answers {@code failStatus}
 * to the first {@code failures} requests, then 200; can wait before answering. Keeps every request.
 */
final class Receiver implements AutoCloseable {
    /** One request as received. */
    record Request(String path, String contentType, String authorization, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    /** System.nanoTime() of each request's arrival. */
    final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    volatile int failures;
    volatile int failStatus = 503;
    volatile long delayMillis;
    /** When set, every request waits for it to open before being answered. */
    volatile java.util.concurrent.CountDownLatch gate;
    /** Answer bodies of failures: the request's Authorization header (to check that errors redact it). */
    volatile boolean echoAuthorization;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void handle(HttpExchange ex) throws IOException {
        arrivals.add(System.nanoTime());
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        requests.add(new Request(ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("Content-Type"), auth, body));
        int n = count.incrementAndGet();
        java.util.concurrent.CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = n <= failures ? failStatus : 200;
        byte[] answer = (status == 200 ? "ok" : echoAuthorization ? "bad token " + auth : "boom").getBytes(StandardCharsets.UTF_8);
        try {
            ex.sendResponseHeaders(status, answer.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(answer);
            }
        } catch (IOException e) {
            // the client gave up (timeout): nothing to answer
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
