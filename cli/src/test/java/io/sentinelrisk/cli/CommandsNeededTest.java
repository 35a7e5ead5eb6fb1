package io.sentinelrisk.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which commands a command line makes picocli build: the one it names, none for --version, all otherwise. */
class CommandsNeededTest {
    private static List<String> names(String... args) {
        return SentinelCommand.commandsNeeded(args).stream().map(Map.Entry::getKey).toList();
    }

    private static final List<String> ALL = SentinelCommand.Commands.ALL.stream().map(Map.Entry::getKey).toList();

    @Test
    void aNamedCommandIsTheOnlyOneBuilt() {
        assertThat(names("score", "-i", "x.csv", "--model", "m.srb")).containsExactly("score");
        assertThat(names("--log-level", "INFO", "predict", "--record", "{}")).containsExactly("predict");
        assertThat(names("--log-level=DEBUG", "train", "--help")).containsExactly("train");
        assertThat(names("features", "build", "--help")).containsExactly("features");
    }

    @Test
    void aBareVersionBuildsNoCommand() {
        assertThat(names("--version")).isEmpty();
        assertThat(names("-V", "--log-level", "WARN")).isEmpty();
    }

    @Test
    void helpAMisspeltCommandOrNoneBuildsThemAll() {
        assertThat(names()).isEqualTo(ALL);
        assertThat(names("--help")).isEqualTo(ALL);
        assertThat(names("--version", "--help")).isEqualTo(ALL);
        assertThat(names("help", "score")).isEqualTo(ALL);
        assertThat(names("trian", "--input", "x.csv")).isEqualTo(ALL);
        // the value of --log-level is not a command name
        assertThat(names("--log-level", "score")).isEqualTo(ALL);
    }

    @Test
    void everyCommandNameIsTheNameItsClassDeclares() {
        for (Map.Entry<String, Class<?>> c : SentinelCommand.Commands.ALL) {
            picocli.CommandLine.Command annotation = c.getValue().getAnnotation(picocli.CommandLine.Command.class);
            assertThat(annotation.name()).as(c.getValue().getName()).isEqualTo(c.getKey());
        }
    }
}
