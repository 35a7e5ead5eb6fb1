package io.sentinelrisk.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 items 15 and 16 through the real command: {@code features show/sql/packs} print (their
 * output used to be lost at exit), and the features reader's errors say what the main CSV reader
 * says about a truncated .gz, an empty file and Latin-1 text.
 */
class FeaturesE2ETest {
    @TempDir
    static Path shared;
    static Path events;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() throws Exception {
        events = shared.resolve("soc.csv");
        SentinelProcess.generateSoc(shared, "--n-users", "20", "--events-per-user", "100", "-o", events.toString());
    }

    @Test
    void showPrintsThePackYaml() throws Exception {
        for (String pack : new String[] {"soc", "web-session", "transactions", "metrics"}) {
            SentinelProcess.Result r = SentinelProcess.run(dir, "features", "show", pack);
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("features:").contains("entity").endsWith("\n");
        }
    }

    @Test
    void sqlPrintsTheCompiledQueryInBothDialects() throws Exception {
        SentinelProcess.Result duck = SentinelProcess.run(dir, "features", "sql", "--pack", "soc");
        SentinelProcess.Result pg = SentinelProcess.run(dir, "features", "sql", "--pack", "soc", "--dialect", "postgresql");
        assertThat(duck.exitCode()).as(duck.err()).isZero();
        assertThat(pg.exitCode()).as(pg.err()).isZero();
        assertThat(duck.out()).contains("fs_events").contains("fs_out").containsIgnoringCase("select");
        assertThat(pg.out()).contains("fs_events").isNotEqualTo(duck.out());
        SentinelProcess.Result packs = SentinelProcess.run(dir, "features", "packs");
        assertThat(packs.out()).contains("soc").contains("web-session").contains("transactions").contains("metrics");
    }

    @Test
    void aTruncatedGzipIsReportedAsTruncated() throws Exception {
        byte[] csv = Files.readAllBytes(events);
        Path gz = dir.resolve("full.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(csv);
        }
        byte[] whole = Files.readAllBytes(gz);
        Files.write(dir.resolve("cut.csv.gz"), Arrays.copyOf(whole, whole.length / 2));
        String err = assertBadInput("cut.csv.gz");
        assertThat(err).contains("cut.csv.gz").contains("cannot be decompressed").contains("ends too early")
                .doesNotContain("is not in");
        SentinelProcess.Result ok = SentinelProcess.run(dir, "features", "build", "--pack", "soc", "-i", "full.csv.gz", "-o", "f.csv");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
    }

    @Test
    void anEmptyFileIsReportedAsEmpty() throws Exception {
        Files.writeString(dir.resolve("empty.csv"), "");
        String err = assertBadInput("empty.csv");
        assertThat(err).contains(": error: empty.csv: the file is empty").doesNotContain("column0");
    }

    @Test
    void latin1IsReportedWithItsLineAndColumn() throws Exception {
        String text = Files.readString(events);
        int third = text.indexOf('\n', text.indexOf('\n', text.indexOf('\n') + 1) + 1);   // end of line 3
        byte[] head = text.substring(0, third + 1).getBytes(StandardCharsets.UTF_8);
        byte[] row = "999,u\u00e9,2024-01-05T00:00:00Z,login,true,3,1,2,d,true,FR,1,2,0,0,normal,0\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(head, head.length + row.length);
        System.arraycopy(row, 0, all, head.length, row.length);
        Files.write(dir.resolve("latin1.csv"), all);
        String err = assertBadInput("latin1.csv");
        assertThat(err).contains("latin1.csv:4:2").contains("invalid UTF-8 (byte 0xE9)").doesNotContain("SQLException");
    }

    /** features build on a bad file: exit 2, one line, nothing written. */
    private String assertBadInput(String file) throws Exception {
        SentinelProcess.Result r = SentinelProcess.run(dir, "features", "build", "--pack", "soc", "-i", file, "-o", "out.csv");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        String err = r.err().strip();
        assertThat(err.lines().count()).as(err).isEqualTo(1);
        assertThat(dir.resolve("out.csv")).doesNotExist();
        return err;
    }
}
