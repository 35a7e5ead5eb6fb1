package io.sentinelrisk.core.entity;

import io.sentinelrisk.core.calibrate.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Links the alerts of one entity that are close in time into incidents (docs/entities.md): the
 * alerts of an entity in time order (same instant: by row); an alert at most {@code gap} after
 * the previous one joins its incident, a longer pause starts a new one. So an incident may last
 * longer than the gap as long as no pause inside it does. Incidents with fewer than
 * {@code minAlerts} alerts are not reported. Alerts without entity or event time are not linked.
 *
 * @param gapMillis the longest pause inside an incident (inclusive), &gt; 0
 * @param minAlerts the fewest alerts an incident needs to be reported, ≥ 1
 */
public record IncidentLinker(long gapMillis, int minAlerts) {
    public static final long DEFAULT_GAP_MS = 2 * 3_600_000L;

    public IncidentLinker {
        if (gapMillis <= 0 || minAlerts < 1) {
            throw new IllegalArgumentException("gap must be positive and minAlerts at least 1");
        }
    }

    /** The incidents, most severe first, then highest risk, then earliest, then entity. */
    public List<Incident> link(List<EntityAlert> alerts) {
        List<EntityAlert> placed = new ArrayList<>();
        for (EntityAlert a : alerts) {
            if (a.placed()) {
                placed.add(a);
            }
        }
        placed.sort(Comparator.comparing(EntityAlert::entity).thenComparingLong(EntityAlert::eventMillis)
                .thenComparingInt(EntityAlert::row).thenComparing(EntityAlert::alertId));
        List<Incident> out = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= placed.size(); i++) {
            boolean breaks = i == placed.size()
                    || !placed.get(i).entity().equals(placed.get(i - 1).entity())
                    || placed.get(i).eventMillis() - placed.get(i - 1).eventMillis() > gapMillis;
            if (breaks) {
                if (i - from >= minAlerts) {
                    out.add(incident(placed.subList(from, i)));
                }
                from = i;
            }
        }
        out.sort(Comparator.comparingInt((Incident x) -> Severity.valueOf(x.severity().toUpperCase(Locale.ROOT)).ordinal()).reversed()
                .thenComparing(Comparator.comparingDouble(Incident::maxRisk).reversed())
                .thenComparing(Incident::start).thenComparing(Incident::entity));
        return out;
    }

    static Incident incident(List<EntityAlert> chain) {
        List<Incident.Step> steps = new ArrayList<>();
        List<String> ids = new ArrayList<>(chain.size());
        Severity worst = Severity.INFO;
        double maxRisk = 0;
        String current = null;
        int run = 0;
        long runStart = 0;
        for (EntityAlert a : chain) {
            ids.add(a.alertId());
            worst = a.severity().ordinal() > worst.ordinal() ? a.severity() : worst;
            maxRisk = Math.max(maxRisk, a.risk());
            if (a.category().equals(current)) {
                run++;
            } else {
                if (current != null) {
                    steps.add(new Incident.Step(current, run, Instant.ofEpochMilli(runStart).toString()));
                }
                current = a.category();
                run = 1;
                runStart = a.eventMillis();
            }
        }
        steps.add(new Incident.Step(current, run, Instant.ofEpochMilli(runStart).toString()));
        long distinct = steps.stream().map(Incident.Step::category).distinct().count();
        Severity severity = distinct >= 2 && worst != Severity.CRITICAL ? Severity.values()[worst.ordinal() + 1] : worst;
        EntityAlert first = chain.get(0);
        EntityAlert last = chain.get(chain.size() - 1);
        return new Incident("inc-" + first.alertId(), first.entity(), Instant.ofEpochMilli(first.eventMillis()).toString(),
                Instant.ofEpochMilli(last.eventMillis()).toString(), chain.size(), severity.id(), maxRisk, steps,
                narrative(first.entity(), steps, chain.size(), last.eventMillis() - first.eventMillis(), maxRisk), ids);
    }

    /** "user_42: brute force ×25 → impossible travel → data exfiltration (27 alerts in 1h 12m, highest risk 100.00)". */
    static String narrative(String entity, List<Incident.Step> steps, int alerts, long spanMillis, double maxRisk) {
        StringBuilder sb = new StringBuilder(entity).append(": ");
        for (int i = 0; i < steps.size(); i++) {
            Incident.Step s = steps.get(i);
            // an identifier-like category (brute_force) reads as words; a phrase (high bytes_out) keeps its column name
            String step = s.category().contains(" ") ? s.category() : s.category().replace('_', ' ');
            sb.append(i == 0 ? "" : " → ").append(step);
            if (s.alerts() > 1) {
                sb.append(" ×").append(s.alerts());
            }
        }
        return sb.append(String.format(Locale.ROOT, " (%d alerts in %s, highest risk %.2f)", alerts, span(spanMillis), maxRisk))
                .toString();
    }

    /** 0s, 45s, 12m, 1h 12m, 2d 3h. */
    static String span(long ms) {
        long s = ms / 1000;
        if (s < 60) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + "m";
        }
        long h = m / 60;
        if (h < 24) {
            return h + "h " + (m % 60) + "m";
        }
        return h / 24 + "d " + (h % 24) + "h";
    }
}
