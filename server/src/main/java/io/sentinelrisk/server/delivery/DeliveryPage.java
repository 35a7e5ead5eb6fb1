package io.sentinelrisk.server.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * A page of deliveries and the cursor of the next (null on the last page).
 */
@JsonPropertyOrder({"deliveries", "next_cursor"})
public record DeliveryPage(@JsonProperty("deliveries") List<DeliveryRecord> deliveries,
                           @JsonProperty("next_cursor") Long nextCursor) {
    public DeliveryPage {
        deliveries = List.copyOf(deliveries);
    }
}
