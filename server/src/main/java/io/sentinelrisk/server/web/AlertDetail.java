package io.sentinelrisk.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.server.api.Incidents;
import io.sentinelrisk.server.api.JsonBodies;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything the alert page shows, read from the JSON GET /v1/alerts/{id} answers: the card, the
 * z-score reasons, the judge's attributions (when the bundle has a judge), the raw features, the
 * feedback so far and the incident the alert belongs to.
 */
public record AlertDetail(AlertCard card, List<Reason> reasons, Judge judge, List<Field> features,
                          List<Verdict> feedback, Incidents.Incident incident, String raw) {

    /** One reason: feature, its value, how far from normal (z-score) and the baseline, in words too. */
    public record Reason(String feature, String value, double deviation, String direction, String baseline, String text) {
        public String deviationText() {
            return String.format(Locale.ROOT, "%+.2f", deviation);
        }
    }

    /** The judge's part: probability, raw detector score, predicted class and attributions. */
    public record Judge(double probability, double detectorScore, String predictedClass, List<Field> attributions) {
        public String probabilityText() {
            return String.format(Locale.ROOT, "%.3f", probability);
        }
    }

    /** A name and a value, as text. */
    public record Field(String name, String value) {
    }

    /** A verdict given on the alert. */
    public record Verdict(String verdict, String note, String author, String createdAt) {
    }

    public static AlertDetail of(ObjectNode a, Incidents.Incident incident) {
        List<Reason> reasons = new ArrayList<>();
        for (JsonNode r : a.path("reasons")) {
            reasons.add(new Reason(AlertCard.text(r, "feature"), AlertCard.text(r, "value"), r.path("deviation").asDouble(),
                    AlertCard.text(r, "direction"), AlertCard.text(r, "baseline"), AlertCard.text(r, "text")));
        }
        Judge judge = null;
        JsonNode j = a.path("judge");
        if (j.isObject()) {
            List<Field> attributions = new ArrayList<>();
            for (JsonNode at : j.path("attributions")) {
                attributions.add(new Field(AlertCard.text(at, "input"),
                        String.format(Locale.ROOT, "%+.4f", at.path("contribution").asDouble())));
            }
            judge = new Judge(j.path("probability").asDouble(), j.path("detector_score").asDouble(),
                    AlertCard.text(j, "predicted_class"), attributions);
        }
        List<Field> features = new ArrayList<>();
        a.path("features").fields().forEachRemaining(e -> features.add(new Field(e.getKey(),
                e.getValue().isNull() ? "(missing)" : e.getValue().asText())));
        List<Verdict> feedback = new ArrayList<>();
        for (JsonNode f : a.path("feedback")) {
            feedback.add(new Verdict(AlertCard.text(f, "verdict"), AlertCard.text(f, "note"), AlertCard.text(f, "author"),
                    AlertCard.text(f, "created_at")));
        }
        String raw;
        try {
            raw = JsonBodies.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(a);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new AlertDetail(AlertCard.of(a), reasons, judge, features, feedback, incident, raw);
    }

    /** The latest verdict, or null. */
    public Verdict latest() {
        return feedback.isEmpty() ? null : feedback.get(feedback.size() - 1);
    }
}
