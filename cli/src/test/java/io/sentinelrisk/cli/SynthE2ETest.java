package io.sentinelrisk.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sentinel generate} and {@code sentinel inject} run as the packaged command. */
@Timeout(300)
@Tag("integration")
class SynthE2ETest {
    @TempDir
    Path dir;

    @Test
    void generateThenInject() throws Exception {
        SentinelProcess.Result gen = SentinelProcess.run(dir, "generate", "soc", "-o", "soc.csv", "--n-users", "20",
                "--events-per-user", "100", "--anomaly-fraction", "0.03");
        assertThat(gen.exitCode()).as(gen.err()).isZero();
        assertThat(gen.out()).startsWith("wrote 2000 events, 60 anomalous (");
        List<String> lines = Files.readAllLines(dir.resolve("soc.csv"));
        assertThat(lines).hasSize(2001);
        assertThat(lines.get(0)).isEqualTo("event_id,user,timestamp,event_type,success,hour,bytes_in,bytes_out,device_id,"
                + "device_trusted,country,lat,lon,failed_attempts,geo_distance_km,scenario,label");

        SentinelProcess.Result inj = SentinelProcess.run(dir, "inject", "-i", "soc.csv", "-o", "injected.csv", "--report", "r.json");
        assertThat(inj.exitCode()).as(inj.err()).isZero();
        assertThat(inj.err()).contains("warning: scenario 'high_value_sudden' skipped").doesNotContain("Exception");
        assertThat(Files.readAllLines(dir.resolve("injected.csv")).size()).isGreaterThan(2001);
        assertThat(Files.readString(dir.resolve("r.json"))).contains("\"escalation_path\"");
    }

    @Test
    void mistakesAreOneLineAndExit2() throws Exception {
        Files.writeString(dir.resolve("d.csv"), "timestamp,amount\n2024-01-01T00:00:00Z,1\n");
        Files.writeString(dir.resolve("s.yaml"), "scenarios:\n  - name: a\n    count: [1\n");
        SentinelProcess.Result yaml = SentinelProcess.run(dir, "inject", "--scenarios", "s.yaml", "-i", "d.csv", "-o", "o.csv");
        assertThat(yaml.exitCode()).isEqualTo(2);
        assertThat(yaml.err().strip()).startsWith("sentinel inject: error: s.yaml:3:").contains("not valid YAML").doesNotContain("\n\tat ");
        SentinelProcess.Result flag = SentinelProcess.run(dir, "generate", "transactions", "-o", "t.csv", "--contamination", "2");
        assertThat(flag.exitCode()).isEqualTo(2);
        assertThat(flag.err().strip()).startsWith("sentinel ").doesNotContain("\n")
                .endsWith("error: --contamination: expected a number in [0, 0.5], found 2.0");
        assertThat(Files.exists(dir.resolve("o.csv"))).isFalse();
        assertThat(Files.exists(dir.resolve("t.csv"))).isFalse();
    }
}
