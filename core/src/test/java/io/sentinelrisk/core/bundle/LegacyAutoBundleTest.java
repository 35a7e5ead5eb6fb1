package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.detect.ensemble.AutoModel;
import io.sentinelrisk.core.ingest.DatasetLoader;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        Path fixture = LegacyBundles.fixture("legacy-auto-hbos");
        Pipeline p = Bundles.read(LegacyBundles.zipEntries(fixture, dir.resolve("legacy-auto.srb")));

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

        Frame frame = DatasetLoader.load(LegacyBundles.fixture("legacy-v1").resolve("soc.csv"), p.config(), null, false, p.schema()).frame();
        ScoredBatch s = p.score(frame, "soc.csv", 2);
        LegacyBundles.assertScoresAsTheOldCode(s, frame.rows(), fixture);
    }
}
