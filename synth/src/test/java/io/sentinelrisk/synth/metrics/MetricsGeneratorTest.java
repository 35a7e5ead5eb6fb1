package io.sentinelrisk.synth.metrics;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.synth.Cols;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.sentinelrisk.synth.Cols.count;
import static io.sentinelrisk.synth.Cols.num;
import static io.sentinelrisk.synth.Cols.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsGeneratorTest {
    private final MetricsConfig config = MetricsConfig.defaults();
    private final Frame metrics = MetricsGenerator.generate(config);

    @Test
    void longFormatInTimeOrder() {
        assertThat(metrics.schema().names()).containsExactlyElementsOf(MetricsGenerator.COLUMNS);
        assertThat(metrics.rows()).isEqualTo(3 * 4032);
        long[] ts = Cols.time(metrics, "timestamp");
        assertThat(ts[3] - ts[0]).isEqualTo(300_000);
        for (int i = 1; i < ts.length; i++) {
            assertThat(ts[i]).isGreaterThanOrEqualTo(ts[i - 1]);
        }
        assertThat(Cols.dump(MetricsGenerator.generate(config))).isEqualTo(Cols.dump(metrics));
        assertThat(Cols.dump(MetricsGenerator.generate(config.withRandomState(9)))).isNotEqualTo(Cols.dump(metrics));
    }

    @Test
    void plantsTheRequestedAnomaliesAfterTheCleanStart() {
        String[] scenario = texts(metrics, "scenario");
        assertThat(count(scenario, "spike")).isEqualTo(3 * 5);
        int firstLabeled = -1;
        for (int i = 0; i < scenario.length && firstLabeled < 0; i++) {
            firstLabeled = scenario[i].equals("normal") ? -1 : i;
        }
        assertThat(firstLabeled / 3).isGreaterThanOrEqualTo((int) (4032 * MetricsGenerator.CLEAN_SHARE));
        for (int s = 0; s < 3; s++) {
            int shift = 0;
            int drift = 0;
            for (int t = 0; t < 4032; t++) {
                shift += scenario[t * 3 + s].equals("level_shift") ? 1 : 0;
                drift += scenario[t * 3 + s].equals("drift") ? 1 : 0;
            }
            assertThat(shift).isBetween(MetricsGenerator.MIN_SHIFT, MetricsGenerator.MAX_SHIFT);
            assertThat(drift).isBetween(MetricsGenerator.MIN_DRIFT, MetricsGenerator.MAX_DRIFT);
        }
    }

    @Test
    void spikesStandOutFromTheirNeighbours() {
        double[] value = num(metrics, "value");
        String[] scenario = texts(metrics, "scenario");
        for (int s = 0; s < 3; s++) {
            double[] v = new double[4032];
            for (int t = 0; t < v.length; t++) {
                v[t] = value[t * 3 + s];
            }
            // the noise level, robustly: median absolute first difference / (0.6745 · √2)
            double[] diff = new double[v.length - 1];
            for (int t = 1; t < v.length; t++) {
                diff[t - 1] = Math.abs(v[t] - v[t - 1]);
            }
            Arrays.sort(diff);
            double sigma = diff[diff.length / 2] / (0.6745 * Math.sqrt(2));
            int spikes = 0;
            for (int t = 3; t < v.length - 3; t++) {
                double[] nb = {v[t - 3], v[t - 2], v[t - 1], v[t + 1], v[t + 2], v[t + 3]};
                Arrays.sort(nb);
                double deviation = Math.abs(v[t] - (nb[2] + nb[3]) / 2);
                if (scenario[t * 3 + s].equals("spike")) {
                    assertThat(deviation).as("spike at %d of series %d", t, s).isGreaterThan(6 * sigma);
                    spikes++;
                } else if (allNormal(scenario, t - 3, t + 3, s)) {
                    assertThat(deviation).isLessThan(6 * sigma);
                }
            }
            assertThat(spikes).isEqualTo(5);
        }
    }

    private static boolean allNormal(String[] scenario, int from, int to, int s) {
        for (int t = from; t <= to; t++) {
            if (!scenario[t * 3 + s].equals("normal")) {
                return false;
            }
        }
        return true;
    }

    @Test
    void tooManyAnomaliesForTheLengthIsAnInputError() {
        assertThatThrownBy(() -> MetricsGenerator.generate(config.withPoints(200).withAnomalies(5, 3, 3)))
                .isInstanceOf(InputException.class).hasMessageContaining("--points");
    }
}
