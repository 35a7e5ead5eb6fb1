package io.sentinelrisk.core.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many planted attack chains the incidents recover (docs/entities.md, "Measured"). A chain is
 * <b>recovered as one incident</b> when every one of its steps has at least one alert and all of
 * its alerts are in one reported incident. Detection and linking are told apart: the report also
 * counts chains with every step alerted ({@code fully_alerted}) and the share of those recovered
 * ({@code share_recovered_of_fully_alerted}: what the linking alone achieves), chains whose alerts
 * are spread over two or more incidents ({@code split}), and the alerts from outside the chain in
 * the incidents that hold a chain ({@code foreign_alerts}).
 *
 * @param chains          planted chains
 * @param fullyAlerted    chains with an alert on every step
 * @param recovered       chains recovered as one incident
 * @param split           chains with alerts in two or more incidents
 * @param share           recovered / chains (null without chains)
 * @param shareOfAlerted  recovered / fully alerted (null when none is)
 * @param foreignAlerts   alerts not of the chain in the incidents that hold chain alerts
 */
@JsonPropertyOrder({"chains", "fully_alerted", "recovered", "split", "share_recovered", "share_recovered_of_fully_alerted",
    "foreign_alerts"})
public record ChainRecovery(@JsonProperty("chains") int chains,
                            @JsonProperty("fully_alerted") int fullyAlerted,
                            @JsonProperty("recovered") int recovered,
                            @JsonProperty("split") int split,
                            @JsonProperty("share_recovered") @JsonInclude(JsonInclude.Include.ALWAYS) Double share,
                            @JsonProperty("share_recovered_of_fully_alerted") @JsonInclude(JsonInclude.Include.ALWAYS) Double shareOfAlerted,
                            @JsonProperty("foreign_alerts") int foreignAlerts) {

    /**
     * A row of a planted chain.
     *
     * @param alertId its alert id
     * @param chain   the chain it belongs to
     * @param step    its step in the chain (e.g. the attack it plants)
     * @param alerted whether the model alerted on it
     */
    public record PlantedRow(String alertId, String chain, String step, boolean alerted) {
    }

    public static ChainRecovery measure(List<Incident> incidents, List<PlantedRow> planted) {
        Map<String, Integer> incidentOf = new HashMap<>();
        for (int i = 0; i < incidents.size(); i++) {
            for (String id : incidents.get(i).alertIds()) {
                incidentOf.put(id, i);
            }
        }
        Map<String, Set<String>> steps = new LinkedHashMap<>();
        Map<String, Set<String>> alertedSteps = new HashMap<>();
        Map<String, Set<Integer>> homes = new HashMap<>();
        Map<String, Boolean> outside = new HashMap<>();
        Set<String> chainAlerts = new HashSet<>();
        for (PlantedRow r : planted) {
            steps.computeIfAbsent(r.chain(), k -> new HashSet<>()).add(r.step());
            if (!r.alerted()) {
                continue;
            }
            chainAlerts.add(r.alertId());
            alertedSteps.computeIfAbsent(r.chain(), k -> new HashSet<>()).add(r.step());
            Integer home = incidentOf.get(r.alertId());
            if (home == null) {
                outside.put(r.chain(), true);
            } else {
                homes.computeIfAbsent(r.chain(), k -> new HashSet<>()).add(home);
            }
        }
        int full = 0;
        int recovered = 0;
        int split = 0;
        Set<Integer> holding = new HashSet<>();
        for (String chain : steps.keySet()) {
            boolean everyStep = alertedSteps.getOrDefault(chain, Set.of()).containsAll(steps.get(chain));
            Set<Integer> h = homes.getOrDefault(chain, Set.of());
            holding.addAll(h);
            boolean oneHome = h.size() == 1 && !outside.getOrDefault(chain, false);
            full += everyStep ? 1 : 0;
            recovered += everyStep && oneHome ? 1 : 0;
            split += h.size() >= 2 ? 1 : 0;
        }
        int foreign = 0;
        for (int i : holding) {
            for (String id : incidents.get(i).alertIds()) {
                foreign += chainAlerts.contains(id) ? 0 : 1;
            }
        }
        int n = steps.size();
        return new ChainRecovery(n, full, recovered, split, n == 0 ? null : (double) recovered / n,
                full == 0 ? null : (double) recovered / full, foreign);
    }
}
