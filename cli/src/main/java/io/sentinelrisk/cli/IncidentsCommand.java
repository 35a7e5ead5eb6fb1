package io.sentinelrisk.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.entity.ChainRecovery;
import io.sentinelrisk.core.entity.EntityAlert;
import io.sentinelrisk.core.entity.Incident;
import io.sentinelrisk.core.entity.IncidentLinker;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.export.Scorecard;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.util.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sentinel incidents}: alerts of one entity close in time, linked into incidents. */
@Command(name = "incidents", mixinStandardHelpOptions = true,
        header = "Link alerts of one entity that are close in time into incidents, with severity and narrative.",
        description = {"Reads a scorecard (--export-csv, with entity and event_time) and links each entity's alerts in time "
            + "order: an alert at most --gap after the previous one joins its incident. Lists incidents most severe first. "
            + "With --truth-column (planted chains, e.g. 'generate soc --chains') it also measures how many chains were "
            + "recovered as one incident. See docs/entities.md."})
final class IncidentsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scored", required = true, paramLabel = "CSV", description = "A scorecard (--export-csv).")
    Path scored;

    @Option(names = "--gap", defaultValue = "2h", paramLabel = "DURATION",
            description = "Longest pause between two alerts of one incident, inclusive: 90s, 30m, 2h (default: ${DEFAULT-VALUE}).")
    String gap;

    @Option(names = "--min-alerts", defaultValue = "2", paramLabel = "N",
            description = "Fewest alerts an incident needs to be listed (default: ${DEFAULT-VALUE}).")
    int minAlerts;

    @Option(names = {"--top-n", "--top"}, defaultValue = "20", paramLabel = "N",
            description = "How many incidents to print (default: ${DEFAULT-VALUE}; the JSON report holds them all).")
    int top;

    @Option(names = "--category-column", paramLabel = "NAME",
            description = "Column naming each alert's kind, the incident's steps (default: 'category' when present, else "
                    + "top_reason, else the severity).")
    String categoryColumn;

    @Option(names = "--truth-column", paramLabel = "NAME",
            description = "Column of planted chain ids (empty for other rows): measure the share of chains recovered as one incident.")
    String truthColumn;

    @Option(names = "--step-column", defaultValue = "scenario", paramLabel = "NAME",
            description = "With --truth-column: the column naming each planted row's step (default: ${DEFAULT-VALUE}).")
    String stepColumn;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the incidents (and the recovery) as JSON.")
    @Output
    Path report;

    /** The JSON report. */
    @JsonPropertyOrder({"scored", "gap", "min_alerts", "alerts", "unplaced_alerts", "incidents_count", "chain_recovery", "incidents"})
    record IncidentsReport(@JsonProperty("scored") String scored, @JsonProperty("gap") String gap,
                           @JsonProperty("min_alerts") int minAlerts, @JsonProperty("alerts") int alerts,
                           @JsonProperty("unplaced_alerts") int unplacedAlerts, @JsonProperty("incidents_count") int incidentsCount,
                           @JsonProperty("chain_recovery") @JsonInclude(JsonInclude.Include.NON_NULL) ChainRecovery chainRecovery,
                           @JsonProperty("incidents") List<Incident> incidents) {
    }

    @Override
    public Integer call() {
        if (minAlerts < 1) {
            throw new InputException("--min-alerts: expected an integer ≥ 1, found " + minAlerts);
        }
        if (top < 0) {
            throw new InputException("--top-n: expected an integer ≥ 0, found " + top);
        }
        long g = EntitiesCommand.duration("--gap", gap);
        Scorecard card = Scorecard.read(scored, categoryColumn);
        List<EntityAlert> alerts = card.alerts(true);
        List<Incident> incidents = new IncidentLinker(g, minAlerts).link(alerts);
        ChainRecovery recovery = null;
        if (truthColumn != null) {
            for (String c : List.of(truthColumn, stepColumn)) {
                if (!card.hasColumn(c)) {
                    throw new InputException(InputLocation.file(card.file()), "no column '" + c + "' in the scorecard");
                }
            }
            List<ChainRecovery.PlantedRow> planted = new ArrayList<>();
            for (int r = 0; r < card.rows(); r++) {
                String chain = card.text(truthColumn, r);
                if (!chain.isEmpty()) {
                    planted.add(new ChainRecovery.PlantedRow(card.alertId(r), chain, card.text(stepColumn, r), card.isAnomaly(r)));
                }
            }
            recovery = ChainRecovery.measure(incidents, planted);
        }
        IncidentsReport r = new IncidentsReport(card.file(), Durations.format(g), minAlerts, alerts.size(), card.unplacedAlerts(),
                incidents.size(), recovery, incidents);
        if (report != null) {
            AtomicFile.write(report, os -> os.write(Json.bytes(r)));
        }
        print(spec.commandLine().getOut(), r, top);
        return 0;
    }

    private static String pct(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    static void print(PrintWriter out, IncidentsReport r, int top) {
        out.printf(Locale.ROOT, "%d alerts linked into %d incidents of at least %d alerts (gap %s)%s%n", r.alerts(), r.incidentsCount(),
                r.minAlerts(), r.gap(), r.unplacedAlerts() == 0 ? "" : "; " + r.unplacedAlerts() + " alerts without entity or event time left out");
        List<Incident> shown = r.incidents().subList(0, Math.min(top, r.incidents().size()));
        for (int i = 0; i < shown.size(); i++) {
            Incident x = shown.get(i);
            out.printf(Locale.ROOT, "%3d. %-8s %s .. %s  %s%n", i + 1, x.severity(), x.start(), x.end(),
                    io.sentinelrisk.core.error.DisplayText.truncate(x.narrative(), 240));
        }
        ChainRecovery c = r.chainRecovery();
        if (c != null) {
            out.printf(Locale.ROOT, "planted chains: %d; every step alerted: %d; recovered as one incident: %d (%s of all, %s of the "
                    + "fully alerted); split over several incidents: %d; other alerts in their incidents: %d%n", c.chains(),
                    c.fullyAlerted(), c.recovered(), pct(c.share()), pct(c.shareOfAlerted()), c.split(), c.foreignAlerts());
        }
        out.flush();
    }
}
