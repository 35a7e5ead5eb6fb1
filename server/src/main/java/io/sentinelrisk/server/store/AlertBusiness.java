package io.sentinelrisk.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The business facts of a stored alert (cost, currency, SLA, action) read from its body's
 * {@code business} object, so the alerts table keeps them as columns that SQL sums and groups.
 * All null when the bundle has no mapping.
 */
record AlertBusiness(Double estimatedCost, String currency, Integer slaMinutes, String recommendedAction) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AlertBusiness NONE = new AlertBusiness(null, null, null, null);

    static AlertBusiness of(String body) {
        try {
            JsonNode b = MAPPER.readTree(body).get("business");
            if (b == null || !b.isObject()) {
                return NONE;
            }
            JsonNode cost = b.get("estimated_cost");
            JsonNode sla = b.get("sla_minutes");
            JsonNode currency = b.get("currency");
            JsonNode action = b.get("recommended_action");
            return new AlertBusiness(cost != null && cost.isNumber() ? cost.asDouble() : null,
                    currency != null && currency.isTextual() ? clip(currency.asText(), 8) : null,
                    sla != null && sla.canConvertToInt() && sla.isIntegralNumber() ? sla.asInt() : null,
                    action != null && action.isTextual() ? clip(action.asText(), 1000) : null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored alert body is not JSON", e);
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
