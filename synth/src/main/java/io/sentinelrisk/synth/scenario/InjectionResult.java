package io.sentinelrisk.synth.scenario;

import io.sentinelrisk.core.data.Frame;

import java.util.List;

/**
 * What an injection produced.
 *
 * @param frame    the input with the scenarios applied, a {@code label} (1 = injected) and a
 *                 {@code scenario} column (the scenario's name on injected rows)
 * @param outcomes one per scenario of the file, in order
 * @param warnings what the user should know: skipped scenarios and why, fewer rows than asked
 */
public record InjectionResult(Frame frame, List<Outcome> outcomes, List<String> warnings) {
    public InjectionResult {
        outcomes = List.copyOf(outcomes);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param picked          rows the scenario picked from the input
     * @param rowsLabeled     rows it labeled: the picked rows (modify) or the rows it added (add)
     * @param skippedBecause  why it did not run, or null when it ran
     */
    public record Outcome(Scenario scenario, int picked, int rowsLabeled, String skippedBecause) {
        public boolean applied() {
            return skippedBecause == null;
        }
    }

    public int rowsLabeled() {
        int n = 0;
        for (Outcome o : outcomes) {
            n += o.rowsLabeled();
        }
        return n;
    }
}
