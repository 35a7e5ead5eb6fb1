package io.sentinelrisk.server.api;

import io.sentinelrisk.server.error.ApiException;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.sentinelrisk.core.io.Timestamps;
import io.sentinelrisk.server.auth.ApiKey;
import io.sentinelrisk.server.auth.KeyStore;
import io.sentinelrisk.server.auth.Role;
import io.sentinelrisk.server.delivery.DeliveryLog;
import io.sentinelrisk.server.delivery.DeliveryPage;
import io.sentinelrisk.server.delivery.DeliveryQuery;
import io.sentinelrisk.server.delivery.DeliveryRecord;
import io.sentinelrisk.server.metrics.ServerMetrics;
import io.sentinelrisk.server.scoring.ActiveModel;
import io.sentinelrisk.server.scoring.EventIngest;
import io.sentinelrisk.server.scoring.FeedbackVerdict;
import io.sentinelrisk.server.scoring.ModelRegistry;
import io.sentinelrisk.server.scoring.Recalibration;
import io.sentinelrisk.server.scoring.RecordBatch;
import io.sentinelrisk.server.scoring.RecordScoring;
import io.sentinelrisk.server.scoring.Sources;
import io.sentinelrisk.server.scoring.StreamedRecords;
import io.sentinelrisk.server.store.AlertQuery;
import io.sentinelrisk.server.store.AlertRow;
import io.sentinelrisk.server.store.AlertStore;
import io.sentinelrisk.server.store.Database;
import io.sentinelrisk.server.store.EventStore;
import io.sentinelrisk.server.store.FeedbackRow;
import io.sentinelrisk.server.store.FeedbackStore;
import io.sentinelrisk.server.store.ModelRow;
import io.sentinelrisk.server.stats.BusinessImpact;
import io.sentinelrisk.server.stats.Distributions;
import io.sentinelrisk.server.stats.FeedbackStats;
import io.sentinelrisk.server.stats.ModelPerformance;
import io.sentinelrisk.server.stats.TimeRange;
import io.sentinelrisk.server.store.EventInputStore;
import io.sentinelrisk.server.store.StatsStore;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** The handlers of the {@code /v1} routes. Each reads, calls a store or a scorer, and answers JSON. */
public final class Api {
    public static final Set<String> SEVERITIES = Set.of("info", "medium", "high", "critical");
    public static final Set<String> STATUSES = Set.of("open", "acknowledged", "resolved");
    static final int MAX_PAGE = 1000;

    private final Database db;
    private final ModelRegistry models;
    private final EventIngest ingest;
    private final KeyStore keys;
    private final ServerMetrics metrics;
    private final Limits options;
    private final DeliveryLog deliveries;

    /** Request limits: largest JSON body, largest bundle upload, most records per request. */
    public record Limits(long maxBodyBytes, long maxBundleBytes, int batchLimit) {
    }

    public Api(Database db, ModelRegistry models, EventIngest ingest, KeyStore keys, ServerMetrics metrics, Limits options) {
        this.db = db;
        this.deliveries = new DeliveryLog(db.dataSource());
        this.models = models;
        this.ingest = ingest;
        this.keys = keys;
        this.metrics = metrics;
        this.options = options;
    }

    // ---- scoring ----

    public void score(Context ctx) {
        allowQuery(ctx, "source");
        String source = Sources.parameter(ctx.queryParam("source"));
        ActiveModel model = models.forSource(source);
        JsonBodies.requireJson(ctx);
        byte[] bytes = JsonBodies.bytes(ctx, options.maxBodyBytes());
        // valid bodies go straight into columns; anything else takes the tree path, which names the problem
        StreamedRecords.Read read = StreamedRecords.read(bytes, model, options.batchLimit());
        RecordScoring.Scored scored;
        int records;
        if (read != null) {
            scored = RecordScoring.score(model, read.frame(), source, read.single());
            records = read.rows();
        } else {
            RecordBatch batch = RecordBatch.forScoring(JsonBodies.tree(bytes), model.pipeline().inputSchema(), options.batchLimit());
            scored = RecordScoring.score(model, batch.records(), source, batch.single());
            records = batch.size();
        }
        metrics.recordsScored(records);
        AnswerBuffer answer = AnswerBuffer.forThisThread();
        try {
            ScoreAnswer.write(answer, model.version(), scored.alerts());
            JsonBodies.sendJson(ctx, 200, answer);
        } finally {
            answer.release();
        }
    }

    public void events(Context ctx) {
        allowQuery(ctx, "source");
        String source = Sources.parameter(ctx.queryParam("source"));
        JsonNode body = JsonBodies.tree(ctx, options.maxBodyBytes());
        EventIngest.Outcome outcome = ingest.ingest(source, body, options.batchLimit());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("model_version", outcome.modelVersion());
        out.put("accepted", outcome.results().size() - outcome.duplicates());
        out.put("duplicates", outcome.duplicates());
        out.set("results", JsonBodies.MAPPER.valueToTree(outcome.results()));
        JsonBodies.send(ctx, 200, out);
    }

    // ---- deliveries ----

    /**
     * The delivery log, newest first. It reads the store's table, so past deliveries and dead
     * letters stay visible when the server runs without routes.
     */
    public void listDeliveries(Context ctx) {
        allowQuery(ctx, "status", "route", "limit", "cursor");
        DeliveryQuery q;
        try {
            q = DeliveryQuery.of(text(ctx, "status"), text(ctx, "route"), text(ctx, "cursor"), text(ctx, "limit"));
        } catch (DeliveryQuery.InvalidParameter e) {
            throw ApiException.badRequest("invalid_parameter", e.getMessage(), e.parameter());
        }
        DeliveryPage page = deliveries(q);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode list = out.putArray("deliveries");
        for (DeliveryRecord d : page.deliveries()) {
            list.add(Views.delivery(d));
        }
        out.put("next_cursor", page.nextCursor());
        JsonBodies.send(ctx, 200, out);
    }

    /** A page of the delivery log, as GET /v1/deliveries answers. */
    public DeliveryPage deliveries(DeliveryQuery q) {
        long start = System.nanoTime();
        try {
            return deliveries.list(q);
        } finally {
            metrics.store("deliveries.list", System.nanoTime() - start);
        }
    }

    // ---- alerts ----

    public void listAlerts(Context ctx) {
        allowQuery(ctx, "severity", "category", "entity", "status", "source", "from", "to", "limit", "cursor");
        String severity = oneOf(ctx, "severity", SEVERITIES);
        String status = oneOf(ctx, "status", STATUSES);
        int limit = intParam(ctx, "limit", 100, 1, MAX_PAGE);
        Long before = cursor(ctx.queryParam("cursor"));
        AlertQuery q = new AlertQuery(severity, text(ctx, "category"), text(ctx, "entity"), status, text(ctx, "source"),
                time(ctx, "from"), time(ctx, "to"), before, limit + 1);
        List<AlertRow> rows = alerts(q);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode alerts = out.putArray("alerts");
        for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            alerts.add(Views.alert(rows.get(i)));
        }
        out.put("next_cursor", rows.size() > limit ? encodeCursor(rows.get(limit - 1).seq()) : null);
        JsonBodies.send(ctx, 200, out);
    }

    /** Alerts matching {@code q}, newest first: what GET /v1/alerts and the dashboard's feed list. */
    public List<AlertRow> alerts(AlertQuery q) {
        return db.read("alerts.list", c -> AlertStore.list(c, q));
    }

    public void getAlert(Context ctx) {
        allowQuery(ctx);
        JsonBodies.send(ctx, 200, alertWithFeedback(ctx.pathParam("id")));
    }

    /** One alert as GET /v1/alerts/{id} shows it, with its {@code feedback} list (404 when unknown). */
    public ObjectNode alertWithFeedback(String id) {
        AlertRow a = alert(id);
        ObjectNode out = Views.alert(a);
        List<FeedbackRow> feedback = db.read("feedback.for_alert", c -> FeedbackStore.forAlert(c, a.id()));
        out.set("feedback", JsonBodies.MAPPER.valueToTree(feedback.stream().map(FeedbackView::of).toList()));
        return out;
    }

    /** The body of PATCH /v1/alerts/{id}: either or both; an empty assignee clears it. */
    public record AlertPatch(@JsonProperty("status") String status, @JsonProperty("assignee") String assignee) {
    }

    public void patchAlert(Context ctx) {
        allowQuery(ctx);
        String id = ctx.pathParam("id");
        AlertPatch patch = JsonBodies.read(ctx, options.maxBodyBytes(), AlertPatch.class);
        JsonBodies.send(ctx, 200, updateAlert(id, patch));
    }

    /** Sets an alert's status and/or assignee (validated as PATCH /v1/alerts/{id}); the alert after the change. */
    public ObjectNode updateAlert(String id, AlertPatch patch) {
        if (patch.status() == null && patch.assignee() == null) {
            throw ApiException.unprocessable("nothing_to_change", "give status (open, acknowledged, resolved) and/or assignee", null);
        }
        if (patch.status() != null && !STATUSES.contains(patch.status())) {
            throw ApiException.unprocessable("invalid_value", "status must be one of open, acknowledged, resolved", "status");
        }
        if (patch.assignee() != null && patch.assignee().length() > 200) {
            throw ApiException.unprocessable("invalid_value", "assignee is longer than 200 characters", "assignee");
        }
        boolean clear = patch.assignee() != null && patch.assignee().isEmpty();
        boolean found = db.inTransaction("alerts.update", c -> AlertStore.update(c, id, patch.status(),
                clear ? null : patch.assignee(), clear, System.currentTimeMillis()));
        if (!found) {
            throw ApiException.notFound("no alert '" + shown(id) + "'");
        }
        return Views.alert(alert(id));
    }

    // ---- feedback ----

    /** The body of POST /v1/alerts/{id}/feedback. */
    public record FeedbackBody(@JsonProperty("verdict") String verdict, @JsonProperty("note") String note) {
    }

    /** A verdict as the API shows it. */
    public record FeedbackView(@JsonProperty("feedback_id") String id, @JsonProperty("alert_id") String alertId,
                               @JsonProperty("verdict") String verdict, @JsonProperty("note") String note,
                               @JsonProperty("author") String author, @JsonProperty("created_at") String createdAt) {
        public static FeedbackView of(FeedbackRow f) {
            return new FeedbackView(f.id(), f.alertId(), f.verdict(), f.note(), f.author(), Views.iso(f.createdAt()));
        }
    }

    public void feedback(Context ctx) {
        allowQuery(ctx);
        String alertId = ctx.pathParam("id");
        FeedbackBody body = JsonBodies.read(ctx, options.maxBodyBytes(), FeedbackBody.class);
        ApiKey key = ctx.attribute(RequestGate.KEY_ATTRIBUTE);
        JsonBodies.send(ctx, 201, addFeedback(alertId, body, key));
    }

    /** Stores an analyst's verdict on an alert (validated as POST /v1/alerts/{id}/feedback), by {@code key}. */
    public FeedbackView addFeedback(String alertId, FeedbackBody body, ApiKey key) {
        if (body.verdict() == null) {
            throw ApiException.unprocessable("missing_field", "verdict is required (" + FeedbackVerdict.choices() + ")", "verdict");
        }
        if (FeedbackVerdict.parse(body.verdict()) == null) {
            throw ApiException.unprocessable("invalid_value", "verdict must be " + FeedbackVerdict.choices(), "verdict");
        }
        if (body.note() != null && body.note().length() > 10_000) {
            throw ApiException.unprocessable("invalid_value", "note is longer than 10000 characters", "note");
        }
        FeedbackRow row = new FeedbackRow(0, UUID.randomUUID().toString(), alertId, body.verdict(), body.note(),
                key.name(), System.currentTimeMillis());
        boolean stored = db.inTransaction("feedback.insert", c -> {
            if (AlertStore.get(c, alertId).isEmpty()) {
                return false;
            }
            FeedbackStore.insert(c, row);
            return true;
        });
        if (!stored) {
            throw ApiException.notFound("no alert '" + shown(alertId) + "'");
        }
        refreshPrecision();
        return FeedbackView.of(row);
    }

    public void feedbackStats(Context ctx) {
        allowQuery(ctx);
        JsonBodies.send(ctx, 200, feedbackStatsNow());
    }

    /** Precision of judged alerts as GET /v1/feedback/stats answers it. */
    public FeedbackStats feedbackStatsNow() {
        return FeedbackStats.of(db.read("feedback.labelled", FeedbackStore::labelled));
    }

    /** Recomputes the precision gauge from the store. */
    public void refreshPrecision() {
        FeedbackStats stats = FeedbackStats.of(db.read("feedback.labelled", FeedbackStore::labelled));
        metrics.precision(stats.overall().precision() == null ? Double.NaN : stats.overall().precision());
    }

    // ---- dashboard statistics ----

    /** Score and risk histograms per source with its model's thresholds, and recent inputs against the training profile. */
    public void statsDistributions(Context ctx) {
        allowQuery(ctx, "from", "to", "source", "bins");
        TimeRange range = range(ctx, System.currentTimeMillis());
        JsonBodies.send(ctx, 200, distributions(range, sourceParam(ctx), intParam(ctx, "bins", Distributions.DEFAULT_BINS, 5, 200)));
    }

    /** Estimated cost by category and over time, SLA met or breached, alerts by action. */
    public void statsImpact(Context ctx) {
        allowQuery(ctx, "from", "to", "bucket", "source");
        long now = System.currentTimeMillis();
        JsonBodies.send(ctx, 200, impact(range(ctx, now), sourceParam(ctx), now));
    }

    /** Precision over time and per category, alert volume, each source's champion and its training summary, drift. */
    public void statsPerformance(Context ctx) {
        allowQuery(ctx, "from", "to", "bucket");
        JsonBodies.send(ctx, 200, performance(range(ctx, System.currentTimeMillis())));
    }

    /** What GET /v1/stats/distributions answers (the Distributions page reads the same). */
    public Distributions.View distributions(TimeRange range, String source, int bins) {
        return Distributions.of(db, models.champions(), defaultModel(), models::forSource, range.from(), range.to(), source, bins,
                EventInputStore.KEEP);
    }

    /** The sources of the alerts stored in the range, most alerts first (at most {@link Distributions#MAX_SOURCES}). */
    public List<String> alertSources(TimeRange range) {
        return db.read("stats.alert_sources", c -> StatsStore.alertSources(c, range.from(), range.to(), Distributions.MAX_SOURCES))
                .stream().map(StatsStore.KeyCount::key).toList();
    }

    /** What GET /v1/stats/impact answers at time {@code now} (the Business impact page reads the same). */
    public BusinessImpact.View impact(TimeRange range, String source, long now) {
        return BusinessImpact.of(db, range, source, now);
    }

    /** What GET /v1/stats/performance answers (the Model performance page reads the same). */
    public ModelPerformance.View performance(TimeRange range) {
        return ModelPerformance.of(db, defaultModel(), models.champions(), models::forSource, range, EventInputStore.KEEP);
    }

    /**
     * The model scoring the sources without a champion of their own: the default source's
     * champion, else the first source's (422 when the server has none).
     */
    private ActiveModel defaultModel() {
        ActiveModel m = models.active();
        if (m == null) {
            m = models.champions().values().stream().findFirst()
                    .orElseThrow(() -> ApiException.unprocessable("no_model", "the server has no model yet", null));
        }
        return m;
    }

    private static TimeRange range(Context ctx, long now) {
        try {
            return TimeRange.of(time(ctx, "from"), time(ctx, "to"), text(ctx, "bucket"), now);
        } catch (TimeRange.InvalidRange e) {
            throw ApiException.badRequest("invalid_parameter", e.getMessage(), e.parameter());
        }
    }

    private static String sourceParam(Context ctx) {
        String source = text(ctx, "source");
        if (source != null && source.length() > 200) {
            throw ApiException.badRequest("invalid_parameter", "source is longer than 200 characters", "source");
        }
        return source;
    }

    // ---- entities and incidents ----

    public void entity(Context ctx) {
        allowQuery(ctx, "gap_minutes");
        String id = ctx.pathParam("id");
        long gap = intParam(ctx, "gap_minutes", Incidents.DEFAULT_GAP_MINUTES, 1, 7 * 24 * 60) * 60_000L;
        JsonBodies.send(ctx, 200, entityView(id, gap));
    }

    /** An entity's risk now, over time and its incidents, as GET /v1/entities/{id} answers (404 without events). */
    public Entities.View entityView(String id, long gapMillis) {
        var events = db.read("entities.events", c -> EventStore.entityEvents(c, id, Entities.MAX_EVENTS));
        if (events.isEmpty()) {
            throw ApiException.notFound("no events of entity '" + shown(id) + "'");
        }
        var alerts = db.read("entities.alerts", c -> AlertStore.forEntity(c, id, Incidents.MAX_ALERTS));
        return Entities.view(id, events, alerts, gapMillis);
    }

    public void rankedEntities(Context ctx) {
        allowQuery(ctx, "limit");
        int limit = intParam(ctx, "limit", 50, 1, MAX_PAGE);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("entities", JsonBodies.MAPPER.valueToTree(rankedEntities(limit)));
        JsonBodies.send(ctx, 200, out);
    }

    /** Entities ranked by their highest risk (then most alerts), as GET /v1/entities answers. */
    public List<EventStore.EntityRank> rankedEntities(int limit) {
        return db.read("entities.ranked", c -> EventStore.rankedEntities(c, limit));
    }

    public void incidents(Context ctx) {
        allowQuery(ctx, "since", "gap_minutes", "min_alerts", "limit");
        Long sinceParam = time(ctx, "since");
        long since = sinceParam != null ? sinceParam : System.currentTimeMillis() - 30L * 24 * 3600 * 1000;
        long gap = intParam(ctx, "gap_minutes", Incidents.DEFAULT_GAP_MINUTES, 1, 7 * 24 * 60) * 60_000L;
        int minAlerts = intParam(ctx, "min_alerts", 1, 1, 1_000_000);
        int limit = intParam(ctx, "limit", 100, 1, MAX_PAGE);
        var alerts = db.read("incidents.alerts", c -> AlertStore.withEntitySince(c, since, Incidents.MAX_ALERTS));
        var list = Incidents.group(alerts, gap).stream().filter(i -> i.alerts() >= minAlerts).limit(limit).toList();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("incidents", JsonBodies.MAPPER.valueToTree(list));
        JsonBodies.send(ctx, 200, out);
    }

    // ---- models ----

    /**
     * Every registered model with the source it was registered for and the sources it is
     * champion of; {@code champions} maps each source with its own champion to its version.
     */
    public void listModels(Context ctx) {
        allowQuery(ctx, "source");
        JsonBodies.send(ctx, 200, modelList(text(ctx, "source")));
    }

    /** Every registered model version and the champions, as GET /v1/models answers; {@code only}: one source's (null: all). */
    public ObjectNode modelList(String only) {
        java.util.Map<String, ActiveModel> champions = models.champions();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ActiveModel fallback = champions.get(Sources.DEFAULT);
        out.put("champion", fallback == null ? null : fallback.version());
        ObjectNode bySource = out.putObject("champions");
        champions.forEach((source, m) -> bySource.put(source, m.version()));
        ArrayNode list = out.putArray("models");
        for (ModelRow m : models.list()) {
            ObjectNode view = modelView(m, champions);
            if (only == null || only.equals(m.source()) || m.version().equals(bySource.path(only).asText(null))) {
                list.add(view);
            }
        }
        return out;
    }

    public void uploadModel(Context ctx) {
        allowQuery(ctx, "source");
        String source = Sources.parameter(ctx.queryParam("source"));
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/octet-stream")) {
            throw new ApiException(415, "unsupported_media_type", "send the bundle as application/octet-stream", null);
        }
        byte[] bytes = JsonBodies.bytes(ctx, options.maxBundleBytes());
        if (bytes.length == 0) {
            throw ApiException.unprocessable("invalid_bundle", "the upload is empty", null);
        }
        ModelRegistry.Upload up = models.upload(bytes, source);
        JsonBodies.send(ctx, up.created() ? 201 : 200, modelView(up.model(), models.champions()));
    }

    public void promote(Context ctx) {
        allowQuery(ctx, "source");
        String source = Sources.parameter(ctx.queryParam("source"));
        championAnswer(ctx, source, promoteModel(ctx.pathParam("version"), source));
    }

    /** Promotes a registered version for a source (404 when unknown): the source's new champion. */
    public ActiveModel promoteModel(String version, String source) {
        return models.promote(version, "promote", source);
    }

    public void rollback(Context ctx) {
        allowQuery(ctx, "source");
        String source = Sources.parameter(ctx.queryParam("source"));
        championAnswer(ctx, source, rollbackModel(source));
    }

    /** Promotes the source's champion before the current one (409 when none): the new champion. */
    public ActiveModel rollbackModel(String source) {
        return models.rollback(source);
    }

    /** Recalibrates the model scoring {@code source} on that source's recent events (a challenger for the source). */
    public void retrain(Context ctx) {
        allowQuery(ctx, "source");
        String source = Sources.parameter(ctx.queryParam("source"));
        ActiveModel champion = models.forSource(source);
        double[] scores = db.read("events.recent_scores", c -> EventStore.recentScores(c, source, 100_000));
        var feedback = db.read("feedback.labelled", c -> FeedbackStore.labelled(c, source));
        Recalibration.Outcome outcome = Recalibration.fit(champion, scores, feedback);
        String reportJson;
        try {
            reportJson = JsonBodies.MAPPER.writeValueAsString(outcome.report());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ModelRow row = models.registerBuilt(outcome.challenger(), reportJson, source);
        JsonBodies.send(ctx, 201, modelView(row, models.champions()));
    }

    private void championAnswer(Context ctx, String source, ActiveModel m) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("source", source);
        out.put("champion", m.version());
        JsonBodies.send(ctx, 200, out);
    }

    /**
     * A model as GET /v1/models shows it: {@code champion} is true when it is the champion of
     * the source it was registered for, {@code champion_of} lists every source it is champion of.
     */
    private static ObjectNode modelView(ModelRow m, java.util.Map<String, ActiveModel> champions) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("version", m.version());
        o.put("source", m.source());
        o.put("sha256", m.sha256());
        o.put("origin", m.origin());
        o.put("detector", m.detector());
        o.put("created_at", Views.iso(m.createdAt()));
        o.put("size_bytes", m.sizeBytes());
        ActiveModel own = champions.get(m.source());
        o.put("champion", own != null && own.version().equals(m.version()));
        ArrayNode of = o.putArray("champion_of");
        champions.forEach((source, c) -> {
            if (c.version().equals(m.version())) {
                of.add(source);
            }
        });
        if (m.report() != null) {
            try {
                o.set("report", JsonBodies.MAPPER.readTree(m.report()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return o;
    }

    // ---- keys ----

    /** The body of POST /v1/keys. */
    public record KeyBody(@JsonProperty("name") String name, @JsonProperty("role") String role) {
    }

    public void listKeys(Context ctx) {
        allowQuery(ctx);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode list = out.putArray("keys");
        for (ApiKey k : keyList()) {
            list.add(keyView(k));
        }
        JsonBodies.send(ctx, 200, out);
    }

    /** Every key (never a secret), as GET /v1/keys lists them. */
    public List<ApiKey> keyList() {
        return keys.list();
    }

    public void createKey(Context ctx) {
        allowQuery(ctx);
        KeyBody body = JsonBodies.read(ctx, options.maxBodyBytes(), KeyBody.class);
        KeyStore.Created created = createKey(body);
        ObjectNode out = keyView(created.key());
        out.put("key", created.token());
        JsonBodies.send(ctx, 201, out);
    }

    /** Creates a key (validated as POST /v1/keys); its token is in the answer only. */
    public KeyStore.Created createKey(KeyBody body) {
        if (body.name() == null || body.name().isBlank() || body.name().length() > 200) {
            throw ApiException.unprocessable("invalid_value", "name is required (1 to 200 characters)", "name");
        }
        Role role = Role.parse(body.role());
        if (role == null) {
            throw ApiException.unprocessable("invalid_value", "role must be ingest, analyst or admin", "role");
        }
        return keys.create(body.name(), role);
    }

    public void revokeKey(Context ctx) {
        allowQuery(ctx);
        revokeKey(ctx.pathParam("id"));
        ctx.status(204);
    }

    /** Revokes a key by id (404 when there is no such active key); its dashboard sessions end with it. */
    public void revokeKey(String id) {
        if (!keys.revoke(id)) {
            throw ApiException.notFound("no active key '" + shown(id) + "'");
        }
    }

    static ObjectNode keyView(ApiKey k) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", k.id());
        o.put("name", k.name());
        o.put("role", k.role().id());
        o.put("created_at", Views.iso(k.createdAt()));
        o.put("revoked_at", Views.iso(k.revokedAt()));
        return o;
    }

    // ---- helpers ----

    private AlertRow alert(String id) {
        return db.read("alerts.get", c -> AlertStore.get(c, id))
                .orElseThrow(() -> ApiException.notFound("no alert '" + shown(id) + "'"));
    }

    private static String shown(String s) {
        return io.sentinelrisk.core.error.DisplayText.truncate(s);
    }

    /** Refuses (400) query parameters the route does not know, naming them. */
    static void allowQuery(Context ctx, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (String name : ctx.queryParamMap().keySet()) {
            if (!ok.contains(name)) {
                throw ApiException.badRequest("unknown_parameter", "unknown query parameter '" + shown(name) + "'"
                        + (allowed.length == 0 ? "; this route takes none" : "; expected one of " + String.join(", ", allowed)), name);
            }
        }
    }

    private static String text(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isEmpty() ? null : v;
    }

    private static String oneOf(Context ctx, String name, Set<String> values) {
        String v = text(ctx, name);
        if (v != null && !values.contains(v)) {
            throw ApiException.badRequest("invalid_parameter", name + " must be one of " + String.join(", ", values.stream().sorted().toList()), name);
        }
        return v;
    }

    private static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String v = text(ctx, name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_parameter", name + " must be a whole number from " + min + " to " + max, name);
        }
    }

    private static Long time(Context ctx, String name) {
        String v = text(ctx, name);
        if (v == null) {
            return null;
        }
        if (v.matches("-?\\d{1,15}")) {
            return Long.parseLong(v);
        }
        long ms = Timestamps.parse(v);
        if (ms == Long.MIN_VALUE) {
            throw ApiException.badRequest("invalid_parameter", name + " must be an ISO-8601 time or epoch milliseconds", name);
        }
        return ms;
    }

    static String encodeCursor(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("a:" + seq).getBytes(StandardCharsets.US_ASCII));
    }

    static Long cursor(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            if (s.startsWith("a:")) {
                return Long.parseLong(s.substring(2));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw ApiException.badRequest("invalid_cursor", "cursor is not one this server gave out (use next_cursor as it is)", "cursor");
    }
}
