package io.sentinelrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12 item 18: the demo trains with the contamination it plants, so its headline recall means something. */
class DemoE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void contaminationIsTheShareOfPlantedAttacks() throws Exception {
        JsonNode r = demo("a.json", "--samples", "3000", "--contamination", "0.04");
        assertThat(r.at("/config/contamination").asDouble()).isEqualTo(0.04);
        assertThat(r.at("/metrics/labelled_anomalies").asInt()).isEqualTo(120);
        assertThat(r.get("anomalies").asInt()).isEqualTo(120);
        assertThat(r.at("/metrics/recall").asDouble()).isGreaterThan(0.6);
    }

    @Test
    void theOldCountFlagSetsTheContaminationToo() throws Exception {
        SentinelProcess.Result run = SentinelProcess.run(dir, "demo", "--samples", "3000", "--anomalies", "150", "--report", "b.json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("150 planted attacks (5.00%); contamination 0.05");
        assertThat(run.err()).isEmpty();
        JsonNode r = JSON.readTree(dir.resolve("b.json").toFile());
        assertThat(r.at("/config/contamination").asDouble()).isEqualTo(0.05);
        assertThat(r.at("/metrics/recall").asDouble()).isGreaterThan(0.6);
    }

    @Test
    void byDefaultItPlantsTheDefaultContamination() throws Exception {
        JsonNode r = demo("c.json", "--samples", "2000");
        double c = SentinelConfig.defaults().contamination();
        assertThat(r.at("/config/contamination").asDouble()).isEqualTo(c);
        assertThat(r.at("/metrics/labelled_anomalies").asInt()).isEqualTo((int) Math.round(c * 2000));
    }

    @Test
    void whenBothAreChosenAndDisagreeItSaysWhatThatCosts() throws Exception {
        SentinelProcess.Result run = SentinelProcess.run(dir, "demo", "--samples", "2000", "--anomalies", "80",
                "--contamination", "0.01");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().strip()).startsWith("sentinel demo: note: contamination 0.01 (as chosen) while 4.00% of the rows "
                + "are planted attacks").endsWith("recall is at most 0.25");
    }

    private JsonNode demo(String report, String... args) throws Exception {
        String[] full = java.util.stream.Stream.concat(java.util.stream.Stream.of("demo", "--report", report),
                java.util.stream.Stream.of(args)).toArray(String[]::new);
        SentinelProcess.Result run = SentinelProcess.run(dir, full);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(dir.resolve(report).toFile());
    }
}
