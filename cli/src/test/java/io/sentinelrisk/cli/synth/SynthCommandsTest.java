package io.sentinelrisk.cli.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.SentinelException;
import io.sentinelrisk.core.io.CsvReader;
import io.sentinelrisk.synth.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SynthCommandsTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    /** Runs a command the way the sentinel command does: a SentinelException becomes its exit code and one line. */
    private static Run run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof SentinelException se) {
                c.getErr().println("error: " + se.getMessage());
                return se.exitCode();
            }
            throw ex;
        });
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static long ones(Frame f) {
        double[] label = ((Column.Numeric) f.column("label")).values();
        return java.util.Arrays.stream(label).filter(v -> v == 1).count();
    }

    @Test
    void generateSocWritesTheSameFileForTheSameSeed() throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Path c = dir.resolve("c.csv");
        Path users = dir.resolve("users.csv");
        Run r = run(new GenerateCommand(), "soc", "--output", a.toString(), "--n-users", "20", "--events-per-user", "100",
                "--anomaly-fraction", "0.05", "--users-output", users.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote 2000 events, 100 anomalous (").contains("data_exfiltration");
        assertThat(run(new GenerateCommand(), "soc", "-o", b.toString(), "--n-users", "20", "--events-per-user", "100",
                "--anomaly-fraction", "0.05").exit()).isZero();
        assertThat(run(new GenerateCommand(), "soc", "-o", c.toString(), "--n-users", "20", "--events-per-user", "100",
                "--anomaly-fraction", "0.05", "--random-state", "7").exit()).isZero();
        assertThat(Files.readString(b)).isEqualTo(Files.readString(a));
        assertThat(Files.readString(c)).isNotEqualTo(Files.readString(a));

        Frame frame = CsvReader.read(a);
        assertThat(frame.rows()).isEqualTo(2000);
        assertThat(frame.schema().field(frame.schema().indexOf("success")).type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(frame.schema().field(frame.schema().indexOf("timestamp")).type()).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(ones(frame)).isEqualTo(100);
        assertThat(Files.readAllLines(a).get(1)).contains(",true,").endsWith(",normal,0");
        assertThat(CsvReader.read(users).rows()).isEqualTo(20);
    }

    @Test
    void generateTheOtherDataSets() {
        Path web = dir.resolve("web.csv");
        Path tx = dir.resolve("tx.csv");
        Path metrics = dir.resolve("m.csv");
        assertThat(run(new GenerateCommand(), "web-sessions", "-o", web.toString(), "--sessions", "3000").exit()).isZero();
        assertThat(run(new GenerateCommand(), "transactions", "-o", tx.toString(), "--cards", "50", "--transactions-per-card", "40",
                "--fraud-fraction", "0.02").exit()).isZero();
        Run m = run(new GenerateCommand(), "metrics", "-o", metrics.toString(), "--series", "2", "--points", "2000", "--spikes", "3");
        assertThat(m.exit()).isZero();
        assertThat(m.out()).contains("wrote 4000 points").contains("6 spike");
        Frame w = CsvReader.read(web);
        assertThat(w.rows()).isEqualTo(3000);
        assertThat(ones(w)).isEqualTo(60);
        assertThat(w.column("mouse_movement").isMissing(0) || w.column("touch_events").isMissing(0)).isTrue();
        Frame t = CsvReader.read(tx);
        assertThat(t.rows()).isEqualTo(2000);
        assertThat(ones(t)).isEqualTo(40);
        assertThat(CsvReader.read(metrics).rows()).isEqualTo(4000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"soc", "web-sessions", "transactions", "metrics"})
    void everyGeneratorHasHelp(String name) {
        Run r = run(new GenerateCommand(), name, "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--output").contains("--seed").doesNotContain("--random-state").contains("Usage:");
    }

    @Test
    void userMistakesExitWith2AndSayWhy() {
        Path out = dir.resolve("x.csv");
        Run none = run(new GenerateCommand());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("choose one of soc, web-sessions, transactions, metrics");
        assertThat(run(new GenerateCommand(), "soc").err()).contains("Missing required option: '--output=CSV'");
        Run fraction = run(new GenerateCommand(), "soc", "-o", out.toString(), "--anomaly-fraction", "0.9");
        assertThat(fraction.exit()).isEqualTo(2);
        assertThat(fraction.err()).contains("--contamination: expected a number in [0, 0.5], found 0.9");
        Run attack = run(new GenerateCommand(), "soc", "-o", out.toString(), "--attacks", "phishing");
        assertThat(attack.exit()).isEqualTo(2);
        assertThat(attack.err()).contains("unknown attack 'phishing'; valid attacks: data_exfiltration, impossible_travel, brute_force");
        Run start = run(new GenerateCommand(), "metrics", "-o", out.toString(), "--start", "yesterday");
        assertThat(start.exit()).isEqualTo(2);
        assertThat(start.err()).contains("--start: expected a date");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void injectTheShippedScenariosIntoGeneratedEvents() throws Exception {
        Path soc = dir.resolve("soc.csv");
        Path injected = dir.resolve("injected.csv");
        Path report = dir.resolve("report.json");
        assertThat(run(new GenerateCommand(), "soc", "-o", soc.toString(), "--n-users", "50", "--events-per-user", "100",
                "--anomaly-fraction", "0").exit()).isZero();
        Run r = run(new InjectCommand(), "--input", soc.toString(), "--output", injected.toString(), "--report", report.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: scenario 'velocity_spike' skipped: it needs columns timestamp, amount; missing: amount");
        assertThat(r.out()).contains("data_exfiltration").contains("risk critical");
        Frame out = CsvReader.read(injected);
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("rows_out").asInt()).isEqualTo(out.rows());
        assertThat(ones(out)).isEqualTo(json.get("rows_labeled").asLong()).isPositive();
        assertThat(json.get("scenarios")).hasSize(7);
        JsonNode exfil = json.get("scenarios").get(5);
        assertThat(exfil.get("name").asText()).isEqualTo("data_exfiltration");
        assertThat(exfil.get("rows_labeled").asInt()).isEqualTo(10);
        assertThat(exfil.get("business").get("escalation_path").get(0).asText()).isEqualTo("soc_tier2");
        Column scenario = out.column("scenario");
        int exfilRows = 0;
        for (int i = 0; i < out.rows(); i++) {
            exfilRows += scenario.text(i).equals("data_exfiltration") ? 1 : 0;
        }
        assertThat(exfilRows).isEqualTo(10);
        // same seed, same file
        Path again = dir.resolve("again.csv");
        assertThat(run(new InjectCommand(), "-i", soc.toString(), "-o", again.toString()).exit()).isZero();
        assertThat(Files.readString(again)).isEqualTo(Files.readString(injected));
    }

    @Test
    void injectReportsScenarioFileErrorsWithTheirPlace() throws Exception {
        Path data = dir.resolve("d.csv");
        Files.writeString(data, "t,amount\n2024-01-01T00:00:00Z,5\n2024-01-01T00:01:00Z,6\n");
        Path yaml = dir.resolve("s.yaml");
        Files.writeString(yaml, "scenarios:\n  - name: a\n    count: 1\n    colour: red\n");
        Run r = run(new InjectCommand(), "--scenarios", yaml.toString(), "-i", data.toString(), "-o", dir.resolve("o.csv").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(yaml + ":4:").contains("unknown key 'colour' in scenario #1; valid keys:");
        Run missing = run(new InjectCommand(), "-o", dir.resolve("o.csv").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--input");
        assertThat(Files.exists(dir.resolve("o.csv"))).isFalse();
    }

    @Test
    void injectWithAUserFileOnAnyCsv() throws Exception {
        Path data = dir.resolve("d.csv");
        StringBuilder csv = new StringBuilder("when,amount,who\n");
        for (int i = 0; i < 50; i++) {
            csv.append("2024-01-01T00:").append(String.format("%02d", i)).append(":00Z,").append(10 + i).append(",p").append(i % 3).append('\n');
        }
        Files.writeString(data, csv);
        Path yaml = dir.resolve("s.yaml");
        Files.writeString(yaml, """
                sort_by: when
                scenarios:
                  - name: double_up
                    count: 4
                    where: [{column: who, equals: p1}]
                    operations: [{op: scale, column: amount, factor: 2}]
                    business: {risk_level: low, estimated_cost: 10, sla_hours: 2, recommended_action: check, escalation_path: [me]}
                """);
        Path out = dir.resolve("o.csv");
        Run r = run(new InjectCommand(), "--scenarios", yaml.toString(), "-i", data.toString(), "-o", out.toString(), "--random-state", "3");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        Frame f = CsvReader.read(out);
        assertThat(f.schema().names()).containsExactly("when", "amount", "who", "scenario", "label");
        double[] amount = ((Column.Numeric) f.column("amount")).values();
        int doubled = 0;
        for (int i = 0; i < f.rows(); i++) {
            if (f.column("scenario").text(i).equals("double_up")) {
                assertThat(f.column("who").text(i)).isEqualTo("p1");
                assertThat(amount[i]).isEqualTo(2 * (10 + i));
                doubled++;
            }
        }
        assertThat(doubled).isEqualTo(4);
    }

    @Test
    void printScenariosGivesTheShippedFile() {
        Run r = run(new InjectCommand(), "--print-scenarios");
        assertThat(r.exit()).isZero();
        assertThat(ScenarioLoader.parse(r.out(), "printed").scenarios()).hasSize(7);
    }
}
