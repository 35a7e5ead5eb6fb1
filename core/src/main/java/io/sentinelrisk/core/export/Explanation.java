package io.sentinelrisk.core.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sentinelrisk.core.explain.Reason;

/**
 * One reason of an {@link Alert}, as emitted (docs/outputs.md, docs/schemas/alert.schema.json).
 *
 * @param feature   the input column
 * @param value     the record's value as text ("" when missing)
 * @param deviation signed distance from normal in robust standard deviations, 2 decimals
 * @param direction {@code above}, {@code below} or {@code normal}: the sign of the deviation in words
 * @param baseline  what is normal, as text
 * @param text      the reason in words
 */
@JsonPropertyOrder({"feature", "value", "deviation", "direction", "baseline", "text"})
public record Explanation(@JsonProperty("feature") String feature,
                          @JsonProperty("value") String value,
                          @JsonProperty("deviation") double deviation,
                          @JsonProperty("direction") String direction,
                          @JsonProperty("baseline") String baseline,
                          @JsonProperty("text") String text) {

    public static Explanation of(Reason r) {
        double d = r.deviation();
        return new Explanation(r.feature(), r.value(), Alert.round2(d), d > 0 ? "above" : d < 0 ? "below" : "normal",
                r.baseline(), r.narrative());
    }
}
