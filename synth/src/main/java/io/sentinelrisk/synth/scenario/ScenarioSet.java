package io.sentinelrisk.synth.scenario;

import java.util.List;

/**
 * A scenario file.
 *
 * @param scenarios  applied in order; a row picked by one is not picked by the next
 * @param sortBy     column the output is (stably) sorted by, when the data has it; null = keep order
 * @param idColumns  numeric id columns that added rows get fresh values in (max + 1, ...), when present
 * @param source     where the file came from
 */
public record ScenarioSet(List<Scenario> scenarios, String sortBy, List<String> idColumns, String source) {
    public ScenarioSet {
        scenarios = List.copyOf(scenarios);
        idColumns = List.copyOf(idColumns);
    }

    public Scenario scenario(String name) {
        for (Scenario s : scenarios) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
