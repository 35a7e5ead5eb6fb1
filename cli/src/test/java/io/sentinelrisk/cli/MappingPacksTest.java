package io.sentinelrisk.cli;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.mapping.BusinessMapping;
import io.sentinelrisk.core.mapping.CompiledMapping;
import io.sentinelrisk.core.mapping.FrameMapper;
import io.sentinelrisk.core.mapping.ScoreFacts;
import io.sentinelrisk.features.scoring.FeatureStage;
import io.sentinelrisk.synth.metrics.MetricsConfig;
import io.sentinelrisk.synth.metrics.MetricsGenerator;
import io.sentinelrisk.synth.soc.SocGenerator;
import io.sentinelrisk.synth.transactions.TransactionConfig;
import io.sentinelrisk.synth.transactions.TransactionGenerator;
import io.sentinelrisk.synth.web.WebSessionConfig;
import io.sentinelrisk.synth.web.WebSessionGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped mapping packs fit the generators they are named after: every category compiles
 * against the generator's columns (those that read a feature pack's columns against the columns
 * that pack adds), and the categories that read raw columns name the scenarios the generator plants.
 */
class MappingPacksTest {
    private static final Map<String, Frame> DATA = Map.of(
            "soc", SocGenerator.demo(3000, 150, 1),
            "web-session", WebSessionGenerator.generate(WebSessionConfig.defaults().withSessions(3000).withRandomState(1), 1),
            "transactions", TransactionGenerator.generate(TransactionConfig.defaults().withCards(50).withTransactionsPerCard(60)
                    .withRandomState(1), 1),
            "metrics", MetricsGenerator.generate(MetricsConfig.defaults().withSeries(2).withPoints(1000).withRandomState(1)));

    /** The generator's schema with the columns of the feature pack of the same name added. */
    private static Schema withFeatures(Schema raw, String pack) {
        List<Field> fields = new ArrayList<>(raw.fields());
        for (String c : FeatureStage.compile("pack:" + pack).featureColumns()) {
            fields.add(new Field(c, ColumnType.NUMERIC, ColumnRole.FEATURE));
        }
        return new Schema(fields);
    }

    @Test
    void everyPackCompilesAgainstItsGeneratorWithAndWithoutItsFeaturePack() {
        for (String pack : BusinessMapping.PACKS) {
            BusinessMapping m = BusinessMapping.load("pack:" + pack);
            Schema raw = DATA.get(pack).schema();
            CompiledMapping plain = m.compile(raw);
            CompiledMapping featured = m.compile(withFeatures(raw, pack));
            assertThat(featured.skipped()).as(pack).isEmpty();
            assertThat(featured.categoryNames()).as(pack).isEqualTo(m.categoryNames());
            assertThat(plain.categoryNames().size() + plain.skipped().size()).as(pack).isEqualTo(m.categoryNames().size());
        }
        // the metrics pack reads rolling statistics only: without them every alert is generic
        assertThat(BusinessMapping.load("pack:metrics").compile(DATA.get("metrics").schema()).categoryNames()).isEmpty();
    }

    @Test
    void categoriesOnRawColumnsNameThePlantedScenarios() {
        // row-level scenarios whose category reads raw columns only: soc (brute_force, impossible_travel), web-session (all three),
        // transactions (card_testing)
        assertThat(agreement("soc", "brute_force")).isEqualTo(1.0);
        assertThat(agreement("soc", "impossible_travel")).isGreaterThan(0.95);
        assertThat(agreement("web-session", "bot")).isEqualTo(1.0);
        assertThat(agreement("web-session", "account_takeover")).isEqualTo(1.0);
        assertThat(agreement("web-session", "emulator")).isEqualTo(1.0);
        assertThat(agreement("transactions", "card_testing")).isEqualTo(1.0);
    }

    /** Share of the planted rows of {@code scenario} (treated as alerts) that the pack puts in the category of that name. */
    private static double agreement(String pack, String scenario) {
        Frame frame = DATA.get(pack);
        FrameMapper m = BusinessMapping.load("pack:" + pack).compile(frame.schema()).bind(frame);
        var col = frame.column("scenario");
        Map<String, Integer> got = new TreeMap<>();
        int planted = 0;
        for (int r = 0; r < frame.rows(); r++) {
            if (col.text(r).equals(scenario)) {
                planted++;
                got.merge(m.brief(r, new ScoreFacts(1, 99.9, Severity.CRITICAL, true, null), List::of).category(), 1, Integer::sum);
            }
        }
        assertThat(planted).as(pack + " plants " + scenario).isPositive();
        return got.getOrDefault(scenario, 0) / (double) planted;
    }
}
