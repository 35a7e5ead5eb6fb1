package io.sentinelrisk.server.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import io.sentinelrisk.server.api.Api;
import io.sentinelrisk.server.auth.KeyStore;
import io.sentinelrisk.server.metrics.ServerMetrics;

import java.util.List;
import java.util.function.Supplier;

/**
 * The dashboard wired together: sessions, the gate, the templates and the pages of
 * {@link PageTable}, registered on the server's Javalin beside the API. Static files
 * ({@code /static}: the one script and the stylesheet) come from the jar.
 */
public final class Dashboard implements AutoCloseable {
    private final Sessions sessions = new Sessions();
    private final Templates templates = new Templates();
    private final FeedStream stream = new FeedStream();
    private final PageGate gate;
    private final LoginPages login;
    private final FeedPage feed;
    private final AlertPage alert;
    private final EntitiesPage entities;
    private final AdminPage admin;
    private final List<Page> pages;

    /** @param routes the names of the delivery routes the server runs with (empty without) */
    public Dashboard(Api api, KeyStore keys, ServerMetrics metrics, Supplier<List<String>> routes) {
        this.gate = new PageGate(sessions, keys, templates, metrics);
        this.login = new LoginPages(keys, sessions, templates, gate);
        this.feed = new FeedPage(api, templates);
        this.alert = new AlertPage(api, templates);
        this.entities = new EntitiesPage(api, templates);
        this.admin = new AdminPage(api, templates, sessions, routes);
        this.pages = PageTable.pages(this);
    }

    /** Registers the pages and the static files. */
    public void register(JavalinConfig config) {
        config.staticFiles.add(s -> {
            s.hostedPath = "/static";
            s.directory = "/web/static";
            s.location = Location.CLASSPATH;
            s.headers = java.util.Map.of("X-Content-Type-Options", "nosniff", "Cache-Control", "no-cache");
        });
        for (Page p : pages) {
            config.routes.addHttpHandler(p.method(), p.path(), gate.wrap(p));
        }
    }

    public List<Page> pages() {
        return pages;
    }

    /** Ingest stored alerts: the open feeds reload. */
    public void alertsStored() {
        stream.alertsStored();
    }

    /** Feeds open now (each holds an event stream). */
    public int liveFeeds() {
        return stream.clients();
    }

    public Sessions sessions() {
        return sessions;
    }

    LoginPages login() {
        return login;
    }

    FeedPage feed() {
        return feed;
    }

    AlertPage alert() {
        return alert;
    }

    EntitiesPage entities() {
        return entities;
    }

    AdminPage admin() {
        return admin;
    }

    FeedStream stream() {
        return stream;
    }

    Templates templates() {
        return templates;
    }

    @Override
    public void close() {
        stream.close();
    }
}
