package io.sentinelrisk.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.entity.EntityAlert;
import io.sentinelrisk.core.entity.EntityRisk;
import io.sentinelrisk.core.entity.EntityScore;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.export.Scorecard;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.io.Timestamps;
import io.sentinelrisk.core.util.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sentinel entities}: entities ranked by their decayed alert risk. */
@Command(name = "entities", mixinStandardHelpOptions = true,
        header = "Rank entities (users, devices, cards, hosts) by their alerts' risk, decayed over time.",
        description = {"Reads a scorecard (--export-csv of train, score or demo, with entity and event_time) and ranks the "
            + "entities by R = sum of their alerts' risk x 2^(-age / half-life) at the reference time. See docs/entities.md."})
final class EntitiesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scored", required = true, paramLabel = "CSV", description = "A scorecard (--export-csv).")
    Path scored;

    @Option(names = {"--top-n", "--top"}, defaultValue = "20", paramLabel = "N",
            description = "How many entities to list (default: ${DEFAULT-VALUE}; the JSON report holds them all).")
    int top;

    @Option(names = "--half-life", defaultValue = "24h", paramLabel = "DURATION",
            description = "An alert's weight halves every DURATION: 90s, 30m, 24h, 7d (config key entity_half_life; default: ${DEFAULT-VALUE}).")
    String halfLife;

    @Option(names = "--as-of", paramLabel = "TIME",
            description = "Reference time, ISO-8601 (default: the latest alert's event time). Alerts after it are left out.")
    String asOf;

    @Option(names = "--report", paramLabel = "FILE", description = "Write every entity's risk as JSON.")
    @Output
    Path report;

    /** The JSON report. */
    @JsonPropertyOrder({"scored", "half_life", "as_of", "alerts", "unplaced_alerts", "entities"})
    record EntitiesReport(@JsonProperty("scored") String scored, @JsonProperty("half_life") String halfLife,
                          @JsonProperty("as_of") String asOf, @JsonProperty("alerts") int alerts,
                          @JsonProperty("unplaced_alerts") int unplacedAlerts, @JsonProperty("entities") List<EntityScore> entities) {
    }

    @Override
    public Integer call() {
        if (top < 0) {
            throw new InputException("--top-n: expected an integer ≥ 0, found " + top);
        }
        long h = duration("--half-life", halfLife);
        long reference = asOf == null ? EntityAlert.NO_TIME : time("--as-of", asOf);
        Scorecard card = Scorecard.read(scored, null);
        List<EntityAlert> alerts = card.alerts();
        long at = reference == EntityAlert.NO_TIME ? EntityRisk.latest(alerts) : reference;
        List<EntityScore> ranked = new EntityRisk(h).rank(alerts, at);
        EntitiesReport r = new EntitiesReport(card.file(), Durations.format(h),
                at == EntityAlert.NO_TIME ? null : Instant.ofEpochMilli(at).toString(), alerts.size(), card.unplacedAlerts(), ranked);
        if (report != null) {
            AtomicFile.write(report, os -> os.write(Json.bytes(r)));
        }
        print(spec.commandLine().getOut(), r, top);
        return 0;
    }

    static void print(PrintWriter out, EntitiesReport r, int top) {
        out.printf(Locale.ROOT, "%d alerts, %d entities (half-life %s, as of %s)%s%n", r.alerts(), r.entities().size(), r.halfLife(),
                r.asOf() == null ? "n/a" : r.asOf(),
                r.unplacedAlerts() == 0 ? "" : "; " + r.unplacedAlerts() + " alerts without entity or event time left out");
        if (r.entities().isEmpty()) {
            if (r.unplacedAlerts() > 0) {
                out.println("no alert has an entity and an event time: train with entity_column and time_column (or --features)");
            }
            out.flush();
            return;
        }
        int w = "entity".length();
        List<EntityScore> shown = r.entities().subList(0, Math.min(top, r.entities().size()));
        for (EntityScore e : shown) {
            w = Math.max(w, Math.min(40, e.entity().length()));
        }
        out.printf(Locale.ROOT, "%4s  %-" + w + "s  %9s  %6s  %8s  %-8s  %s%n", "rank", "entity", "risk", "alerts", "max_risk",
                "severity", "last_alert");
        for (int i = 0; i < shown.size(); i++) {
            EntityScore e = shown.get(i);
            out.printf(Locale.ROOT, "%4d  %-" + w + "s  %9.2f  %6d  %8.2f  %-8s  %s%n", i + 1,
                    io.sentinelrisk.core.error.DisplayText.truncate(e.entity(), 40), e.risk(), e.alerts(), e.maxRisk(), e.severity(),
                    e.lastAlert());
        }
        out.flush();
    }

    static long duration(String flag, String text) {
        long ms = Durations.parseMillis(text);
        if (ms <= 0) {
            throw new InputException(flag + ": expected a positive duration like 90s, 30m, 24h or 7d, found '" + text + "'");
        }
        return ms;
    }

    static long time(String flag, String text) {
        long t = Timestamps.parse(text);
        if (t == Long.MIN_VALUE) {
            throw new InputException(flag + ": expected an ISO-8601 time like 2024-01-31T00:00:00Z, found '" + text + "'");
        }
        return t;
    }
}
