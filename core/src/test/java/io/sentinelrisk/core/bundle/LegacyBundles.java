package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.pipeline.ScoredBatch;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bundles written by older code, kept in the test resources as their entries (a folder
 * {@code entries/} and their order in {@code entries.txt}) with the scores the old code gave
 * ({@code scores.csv}: score, risk, severity, is_anomaly per row).
 */
final class LegacyBundles {
    private LegacyBundles() {
    }

    /** The fixture folder of this package's test resources. */
    static Path fixture(String name) throws URISyntaxException {
        return Path.of(LegacyBundles.class.getResource(name).toURI());
    }

    /** The old bundle, zipped from its entries in the order of entries.txt, as the old code stored them. */
    static Path zipEntries(Path fixture, Path bundle) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bundle))) {
            for (String name : Files.readAllLines(fixture.resolve("entries.txt"))) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(Files.readAllBytes(fixture.resolve("entries").resolve(name)));
                zip.closeEntry();
            }
        }
        return bundle;
    }

    /** Asserts that {@code s} gives every row the score, risk, severity and flag of the fixture's scores.csv. */
    static void assertScoresAsTheOldCode(ScoredBatch s, int rows, Path fixture) throws IOException {
        List<String> expected = Files.readAllLines(fixture.resolve("scores.csv"));
        assertThat(expected).hasSize(rows + 1);
        for (int r = 0; r < rows; r++) {
            String[] e = expected.get(r + 1).split(",");
            assertThat(s.score()[r]).as("score of row %d", r + 1).isEqualTo(Double.parseDouble(e[0]));
            assertThat(Math.round(s.risk()[r] * 100) / 100.0).as("risk of row %d", r + 1).isEqualTo(Double.parseDouble(e[1]));
            assertThat(s.severity()[r].id()).isEqualTo(e[2]);
            assertThat(s.isAnomaly()[r]).isEqualTo(Boolean.parseBoolean(e[3]));
        }
    }
}
