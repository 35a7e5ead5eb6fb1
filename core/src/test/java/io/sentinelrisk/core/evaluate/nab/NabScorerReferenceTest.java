package io.sentinelrisk.core.evaluate.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our NAB scorer against NAB's own published results of its Windowed Gaussian detector on three
 * files (src/test/resources/nab, copied from numenta/NAB; see its README.md): fed the published
 * anomaly scores and NAB's threshold, it must give the published per-file scores, counts and
 * per-row score contributions.
 */
class NabScorerReferenceTest {

    static final String[] FILES = {
        "realAWSCloudwatch/ec2_disk_write_bytes_c0d644.csv",
        "realKnownCause/rogue_agent_key_updown.csv",
        "artificialWithAnomaly/art_load_balancer_spikes.csv",
    };

    record Published(String file, double threshold, double score, int tp, int tn, int fp, int fn, int total) {
    }

    static Path resources() {
        try {
            return Path.of(NabScorerReferenceTest.class.getResource("/nab/combined_windows.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static NabSeries series(String file, Map<String, List<NabWindow>> windows) {
        NabFiles.Table t = results(file);
        return new NabSeries(file, t.timestamps(), t.column("anomaly_score"), windows.get(file));
    }

    static NabFiles.Table results(String file) {
        String dir = file.substring(0, file.indexOf('/'));
        String name = file.substring(file.indexOf('/') + 1);
        return NabFiles.readTable(resources().resolve("windowedGaussian").resolve(dir).resolve("windowedGaussian_" + name));
    }

    static List<Published> published(NabProfile profile) throws IOException {
        List<String> lines = Files.readAllLines(
                resources().resolve("windowedGaussian/windowedGaussian_" + profile.name() + "_scores.csv"));
        assertThat(lines.get(0)).isEqualTo("Detector,Profile,File,Threshold,Score,TP,TN,FP,FN,Total_Count");
        List<Published> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            out.add(new Published(f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]), Integer.parseInt(f[5]),
                    Integer.parseInt(f[6]), Integer.parseInt(f[7]), Integer.parseInt(f[8]), Integer.parseInt(f[9])));
        }
        return out;
    }

    static double nabThreshold(String detector, NabProfile profile) throws IOException {
        JsonNode t = new ObjectMapper().readTree(resources().resolve("thresholds.json").toFile());
        return t.get(detector).get(profile.name()).get("threshold").asDouble();
    }

    static List<NabProfile> profiles() {
        return NabProfile.all();
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void reproducesPublishedPerFileScoresAndCounts(NabProfile profile) throws IOException {
        Map<String, List<NabWindow>> windows = NabFiles.readWindows(resources().resolve("combined_windows.json"));
        double threshold = nabThreshold("windowedGaussian", profile);
        NabScorer scorer = new NabScorer(profile);
        List<Published> rows = published(profile);
        assertThat(rows).hasSize(FILES.length);
        for (Published p : rows) {
            NabSeries s = series(p.file(), windows);
            assertThat(p.threshold()).isEqualTo(threshold);
            NabFileScore ours = scorer.scoreAt(scorer.sweep(s), threshold);
            assertThat(ours.score()).as(p.file()).isCloseTo(p.score(), within(1e-9));
            assertThat(new int[] {ours.tp(), ours.tn(), ours.fp(), ours.fn()}).as(p.file())
                    .containsExactly(p.tp(), p.tn(), p.fp(), p.fn());
            assertThat(s.rows()).isEqualTo(p.total());
        }
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void reproducesPublishedPerRowContributions(NabProfile profile) throws IOException {
        Map<String, List<NabWindow>> windows = NabFiles.readWindows(resources().resolve("combined_windows.json"));
        double threshold = nabThreshold("windowedGaussian", profile);
        NabScorer scorer = new NabScorer(profile);
        for (String file : FILES) {
            double[] expected = results(file).column("S(t)_" + profile.name());
            double[] ours = scorer.contributions(scorer.sweep(series(file, windows)), threshold);
            assertThat(ours).as(file).hasSameSizeAs(expected);
            int nonZero = 0;
            for (int i = 0; i < ours.length; i++) {
                assertThat(ours[i]).as(file + " row " + (i + 2)).isCloseTo(expected[i], within(1e-9));
                if (expected[i] != 0) {
                    nonZero++;
                }
            }
            assertThat(nonZero).as(file + " has scored rows").isPositive();
        }
    }

    @Test
    void nullAndPerfectDetectorsOnTheseFiles() {
        Map<String, List<NabWindow>> windows = NabFiles.readWindows(resources().resolve("combined_windows.json"));
        List<NabSeries> files = new ArrayList<>();
        for (String f : FILES) {
            files.add(series(f, windows));
        }
        int windowCount = files.stream().mapToInt(s -> s.windows().size()).sum();
        assertThat(windowCount).isEqualTo(6);
        for (NabProfile profile : NabProfile.all()) {
            NabScorer scorer = new NabScorer(profile);
            assertThat(scorer.nullScore(files)).isEqualTo(-profile.fnWeight() * windowCount);
            assertThat(scorer.perfectScore(files)).isEqualTo(profile.tpWeight() * windowCount);
            // A detector flagging only each window's first row earns NAB's perfect score.
            double perfect = 0;
            for (NabSeries s : files) {
                double[] flags = new double[s.rows()];
                for (int start : scorer.sweep(s).windowStart()) {
                    flags[start] = 1.0;
                }
                NabSeries flagged = new NabSeries(s.name(), s.timestamps(), flags, s.windows());
                perfect += scorer.scoreAt(scorer.sweep(flagged), 0.5).score();
            }
            assertThat(perfect).isCloseTo(scorer.perfectScore(files), within(1e-12));
        }
    }
}
