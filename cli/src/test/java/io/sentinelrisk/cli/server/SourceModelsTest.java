package io.sentinelrisk.cli.server;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** serve's --model values: FILE for the default model, SOURCE=FILE for a source, one per source. */
class SourceModelsTest {
    private final CommandLine cmd = new CommandLine(new ServeCommand());

    @Test
    void aPlainFileIsTheDefaultAndNamedOnesGoToTheirSource() {
        SourceModels m = SourceModels.parse(List.of("d.srb", "soc=s.srb", "web-sessions=models/w=1.srb"), cmd);
        assertThat(m.fallback()).isEqualTo(Path.of("d.srb"));
        assertThat(m.bySource()).isEqualTo(Map.of("soc", Path.of("s.srb"), "web-sessions", Path.of("models/w=1.srb")));
        // api= is the default source; a path whose part before '=' is no source name is a file
        assertThat(SourceModels.parse(List.of("api=a.srb"), cmd).fallback()).isEqualTo(Path.of("a.srb"));
        assertThat(SourceModels.parse(List.of("dir/x=y.srb"), cmd).fallback()).isEqualTo(Path.of("dir/x=y.srb"));
        assertThat(SourceModels.parse(List.of(), cmd)).isEqualTo(new SourceModels(null, Map.of()));
    }

    @Test
    void twoModelsForOneSourceAreAUsageError() {
        assertThatThrownBy(() -> SourceModels.parse(List.of("soc=a.srb", "soc=b.srb"), cmd))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("two models for source 'soc'");
        assertThatThrownBy(() -> SourceModels.parse(List.of("a.srb", "api=b.srb"), cmd))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("source 'api'");
    }
}
