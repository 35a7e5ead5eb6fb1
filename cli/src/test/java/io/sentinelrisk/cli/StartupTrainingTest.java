package io.sentinelrisk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartupTrainingTest {
    @TempDir
    Path dir;

    @Test
    void aCommandsCacheIsTrainedOnItsOwnWorkingRunsOnly() throws Exception {
        String[][] all = StartupTraining.runs(dir);
        for (String command : List.of("score", "train", "predict")) {
            List<String[]> mine = StartupTraining.runs(all, command);
            List<String> expected = Arrays.stream(all)
                    .filter(run -> run[0].equals(command) && !List.of(run).contains("--help"))
                    .map(run -> String.join(" ", run)).toList();
            assertThat(mine).extracting(run -> String.join(" ", run)).containsExactlyElementsOf(expected).isNotEmpty();
        }
        assertThat(Arrays.stream(all).map(run -> String.join(" ", run))).contains("score --help", "--version");
    }

    @Test
    void aCommandWithoutRunsIsRefused() throws Exception {
        String[][] all = StartupTraining.runs(dir);
        assertThatThrownBy(() -> StartupTraining.runs(all, "serve"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serve");
    }

    /** bin/startup-cache trains every command first, then each command's cache on its runs alone, in the same directory. */
    @Test
    void everyCommandsRunsSucceedOnWhatTheTrainingRunsWrote() throws Exception {
        String[][] all = StartupTraining.runs(dir);
        for (String command : List.of("train", "score", "predict")) {
            for (String[] run : StartupTraining.runs(all, command)) {
                assertThat(SentinelCommand.run(run)).as(String.join(" ", run)).isZero();
            }
        }
    }
}
