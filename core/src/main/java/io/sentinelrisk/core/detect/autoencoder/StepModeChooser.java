package io.sentinelrisk.core.detect.autoencoder;

/**
 * Learns while training runs whether a step is faster on the worker team or on the caller's
 * thread alone, from the measured time per row of each. On an idle machine the team wins; on a
 * busy one a helper preempted in the middle of its block stalls the whole step for a scheduler
 * slice (milliseconds, against a step of about a tenth of one), and then the caller alone may win.
 * The choice changes only the speed, never the result (blocks and their sum order are fixed).
 */
final class StepModeChooser {
    /** Every this many steps the mode that looks slower runs once, to notice when things change. */
    static final int EXPLORE_EVERY = 16;
    /** Weight of the newest step in the preferred mode's running average: stalls are rare and long, so not too small. */
    private static final double ALPHA = 0.2;
    /** The same for the other mode, timed only once in {@link #EXPLORE_EVERY} steps, so that it catches up soon. */
    private static final double ALPHA_EXPLORING = 0.5;

    private double teamNanosPerRow;
    private double aloneNanosPerRow;
    private int teamSamples;
    private int aloneSamples;
    private long steps;

    /** Whether the next step should run on the team. */
    boolean useTeam() {
        steps++;
        // The first step of each mode pays for compiling the code and starting the helpers and is
        // not averaged: take turns until each mode has been timed twice.
        if (teamSamples < 2 || aloneSamples < 2) {
            return teamSamples <= aloneSamples;
        }
        boolean preferTeam = teamNanosPerRow <= aloneNanosPerRow;
        return steps % EXPLORE_EVERY == 0 ? !preferTeam : preferTeam;
    }

    /** Records how long a step of {@code rows} rows took in the given mode. */
    void record(boolean team, long nanos, int rows) {
        double perRow = (double) nanos / rows;
        boolean preferred = team == (teamNanosPerRow <= aloneNanosPerRow);
        double alpha = preferred ? ALPHA : ALPHA_EXPLORING;
        if (team) {
            teamNanosPerRow = average(++teamSamples, teamNanosPerRow, perRow, alpha);
        } else {
            aloneNanosPerRow = average(++aloneSamples, aloneNanosPerRow, perRow, alpha);
        }
    }

    private static double average(int samples, double average, double sample, double alpha) {
        return samples <= 2 ? sample : average + alpha * (sample - average);
    }
}
