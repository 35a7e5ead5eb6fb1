package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.detect.ensemble.AutoModel;
import io.sentinelrisk.core.ingest.DatasetLoader;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code auto} bundle written when {@code hbos} was among the default candidates
 * (legacy-auto-hbos/README.md): the candidates and kept members are stored in the bundle, so it
 * loads with them and scores as it did, whatever today's default candidate list is.
 */
class LegacyAutoBundleTest {
    @TempDir
    Path dir;

    @Test
    void anAutoBundleThatKeptHbosLoadsAndScoresAsItDid() throws Exception {
        Path fixture = resource("legacy-auto-hbos");
        Pipeline p = Bundles.read(zipEntries(fixture, dir.resolve("legacy-auto.srb")));

        AutoModel auto = (AutoModel) p.detector();
        assertThat(auto.candidates()).extracting(AutoModel.Candidate::member)
                .containsExactly("iforest", "ecod", "hbos", "knn", "knn(n_neighbors=20, method=mean)");
        assertThat(auto.candidates()).extracting(AutoModel.Candidate::chosen)
                .containsExactly(true, false, true, false, true);
        assertThat(auto.kept().members()).hasSize(3);
        // the effective config stored with it names the candidates it was fitted with, not today's default
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> members = (List<Map<String, Object>>) p.config().detectorParams().get("members");
        assertThat(members).extracting(m -> m.get("type")).contains("hbos").hasSize(5);

        Frame frame = DatasetLoader.load(resource("legacy-v1").resolve("soc.csv"), p.config(), null, false, p.schema()).frame();
        ScoredBatch s = p.score(frame, "soc.csv", 2);
        List<String> expected = Files.readAllLines(fixture.resolve("scores.csv"));
        assertThat(expected).hasSize(frame.rows() + 1);
        for (int r = 0; r < frame.rows(); r++) {
            String[] e = expected.get(r + 1).split(",");
            assertThat(s.score()[r]).as("score of row %d", r + 1).isEqualTo(Double.parseDouble(e[0]));
            assertThat(Math.round(s.risk()[r] * 100) / 100.0).as("risk of row %d", r + 1).isEqualTo(Double.parseDouble(e[1]));
            assertThat(s.severity()[r].id()).isEqualTo(e[2]);
            assertThat(s.isAnomaly()[r]).isEqualTo(Boolean.parseBoolean(e[3]));
        }
    }

    /** The old bundle, zipped from its entries in the order of entries.txt (the repository keeps the entries). */
    private static Path zipEntries(Path fixture, Path bundle) throws java.io.IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bundle))) {
            for (String name : Files.readAllLines(fixture.resolve("entries.txt"))) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(Files.readAllBytes(fixture.resolve("entries").resolve(name)));
                zip.closeEntry();
            }
        }
        return bundle;
    }

    private static Path resource(String name) throws java.net.URISyntaxException {
        return Path.of(LegacyAutoBundleTest.class.getResource(name).toURI());
    }
}
