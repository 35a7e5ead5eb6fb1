package io.sentinelrisk.core.detect.autoencoder;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class StepModeChooserTest {

    /** Runs steps whose time per row is given per mode and step; returns how many ran on the team. */
    private static int teamSteps(StepModeChooser c, int from, int to, java.util.function.IntToLongFunction teamNanos,
                                 java.util.function.IntToLongFunction aloneNanos) {
        int team = 0;
        for (int s = from; s < to; s++) {
            boolean onTeam = c.useTeam();
            team += onTeam ? 1 : 0;
            c.record(onTeam, onTeam ? teamNanos.applyAsLong(s) * 100 : aloneNanos.applyAsLong(s) * 100, 100);
        }
        return team;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void settlesOnTheFasterModeAndStillTriesTheOther(boolean teamFaster) {
        StepModeChooser c = new StepModeChooser();
        // the first step of each mode is slow (compilation) and must not decide anything
        teamSteps(c, 0, 4, s -> s == 0 ? 50_000 : (teamFaster ? 300 : 900), s -> s == 1 ? 50_000 : 600);
        int team = teamSteps(c, 4, 324, s -> teamFaster ? 300 : 900, s -> 600);
        int explored = 320 / StepModeChooser.EXPLORE_EVERY;
        assertThat(team).isEqualTo(teamFaster ? 320 - explored : explored);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void followsAChangeOfLoad(boolean teamFasterFirst) {
        StepModeChooser c = new StepModeChooser();
        long fast = 300;
        long slow = 2_000; // a busy machine: helpers preempted mid-step
        teamSteps(c, 0, 200, s -> teamFasterFirst ? fast : slow, s -> 600);
        int team = teamSteps(c, 200, 600, s -> teamFasterFirst ? slow : fast, s -> 600);
        // after the switch the other mode wins but for explorations and at most 4 explorations of catching up
        int every = StepModeChooser.EXPLORE_EVERY;
        assertThat(teamFasterFirst ? team : 400 - team).isLessThanOrEqualTo(4 * every + 400 / every + 1);
    }
}
