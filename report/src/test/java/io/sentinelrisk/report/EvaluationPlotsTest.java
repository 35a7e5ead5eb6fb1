package io.sentinelrisk.report;

import io.sentinelrisk.core.evaluate.DetectorEvaluation;
import io.sentinelrisk.core.evaluate.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("slow")
class EvaluationPlotsTest {
    static EvaluationResult result;
    static List<Plot> plots;

    @BeforeAll
    static void render() {
        result = HostileData.evaluate();
        plots = EvaluationPlots.render(result);
    }

    @Test
    void drawsEveryPlotOfEveryDetector() {
        List<String> expected = new ArrayList<>(List.of("model-comparison.png", "roc-curves.png", "precision-recall-curves.png"));
        for (DetectorEvaluation d : result.detectors()) {
            for (String kind : List.of("score-histogram", "confusion-matrix", "feature-correlation", "deviant-features")) {
                expected.add(d.name() + "-" + kind + ".png");
            }
            if (!d.name().equals("hbos")) {   // tree models: iforest (split counts) and xgboost (gain)
                expected.add(d.name() + "-feature-importance.png");
            }
        }
        assertThat(plots).extracting(Plot::file).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(plots).allSatisfy(p -> assertThat(p.title()).isNotBlank());
        assertThat(plots.stream().filter(p -> p.section() == null)).hasSize(3);
    }

    @Test
    void everyPlotIsAPngOfTheExpectedSizeAndNotBlank() throws Exception {
        for (Plot p : plots) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(p.png()));
            assertThat(img).as(p.file()).isNotNull();
            if (p.file().endsWith("confusion-matrix.png")) {
                assertThat(img.getWidth()).isEqualTo(ConfusionMatrixImage.WIDTH);
                assertThat(img.getHeight()).isEqualTo(ConfusionMatrixImage.HEIGHT);
            } else {
                assertThat(img.getWidth()).as(p.file()).isEqualTo(ChartStyle.WIDTH);
                assertThat(img.getHeight()).as(p.file()).isBetween(ChartStyle.HEIGHT, ChartStyle.HEIGHT + 80);
            }
            assertThat(distinctColours(img)).as(p.file()).isGreaterThan(20);   // drawn, not an empty canvas
        }
    }

    @Test
    void writesEachPlotAsAFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("nested/plots");
        List<Path> written = EvaluationPlots.write(plots, out);
        assertThat(written).hasSize(plots.size());
        for (int i = 0; i < plots.size(); i++) {
            assertThat(written.get(i).getFileName().toString()).isEqualTo(plots.get(i).file());
            assertThat(Files.readAllBytes(written.get(i))).isEqualTo(plots.get(i).png()).hasSizeGreaterThan(5_000);
        }
        if (System.getenv("SENTINEL_KEEP_PLOTS") != null) {   // to look at them: the dir it names
            EvaluationPlots.write(plots, Path.of(System.getenv("SENTINEL_KEEP_PLOTS")));
        }
        try (var files = Files.list(out)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void fileStemsAreSafe() {
        assertThat(EvaluationPlots.fileStem("random_forest")).isEqualTo("random_forest");
        assertThat(EvaluationPlots.fileStem("../etc/passwd")).isEqualTo("_etc_passwd");
        assertThat(EvaluationPlots.fileStem("")).isEqualTo("detector");
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
