package io.sentinelrisk.core.evaluate;

/**
 * How many anomalies of one scenario the threshold caught.
 *
 * @param scenario  the scenario's name
 * @param anomalies labelled anomalies of this scenario among the evaluated rows
 * @param detected  how many of them scored at or above the threshold
 */
public record ScenarioRecall(String scenario, int anomalies, int detected) {
    public double recall() {
        return anomalies == 0 ? Double.NaN : (double) detected / anomalies;
    }
}
