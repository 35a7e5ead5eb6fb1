package io.sentinelrisk.core.prepare;

import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.data.CategoryCounts;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.explain.Explainer;
import io.sentinelrisk.core.explain.ExplainerTrainer;
import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.testdata.Frames;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CategoryBucketsTest {
    /**
     * {@code frequent} values seen 5 times each, {@code once} values seen once, shuffled
     * deterministically.
     */
    private static String[] values(int frequent, int once) {
        List<String> v = new ArrayList<>();
        for (int i = 0; i < frequent; i++) {
            for (int k = 0; k < 5; k++) {
                v.add("often-" + i);
            }
        }
        for (int i = 0; i < once; i++) {
            v.add(String.format("%08x-%04x", i * 2654435761L & 0xffffffffL, i));
        }
        java.util.Collections.shuffle(v, new java.util.Random(7));
        return v.toArray(String[]::new);
    }

    private static CategoryBuckets buckets(String[] v) {
        Frame f = new Frames().categorical("c", v).build();
        return CategoryBuckets.of(CategoryCounts.of((Column.Categorical) f.column("c")));
    }

    @Test
    void upToTheCapEveryValueIsKept() {
        CategoryBuckets b = buckets(values(10, CategoryBuckets.CAP - 10));
        assertThat(b.minCount()).isEqualTo(1);
        assertThat(b.bucketed()).isZero();
        assertThat(b.meanBucketShare(1000)).isZero();
    }

    @Test
    void beyondTheCapRareValuesShareABucketAndEquallyFrequentValuesAreNeverSplit() {
        CategoryBuckets b = buckets(values(300, 3000));
        assertThat(b.minCount()).isEqualTo(2);          // the 300 values seen 5 times stay
        assertThat(b.bucketed()).isEqualTo(3000);
        assertThat(b.bucketRows()).isEqualTo(3000);
        assertThat(b.meanBucketShare(4500)).isCloseTo(1.0 / 4500, within(1e-12));
        // More frequent values than the cap: all of them go too, as they tie at the cut.
        assertThat(buckets(values(CategoryBuckets.CAP + 1, 10)).minCount()).isEqualTo(6);
    }

    @Test
    void frequencyEncodingGivesBucketedAndUnseenValuesTheBucketsShare() {
        String[] v = values(300, 3000);
        Frame train = new Frames().categorical("c", v).build();
        Preprocessing prep = SentinelConfig.defaults().preprocessing();
        Preparation p = new PreparationTrainer(prep).fit(train);
        ColumnPrep.Frequency enc = (ColumnPrep.Frequency) p.columns().get(0);
        assertThat(enc.frequencies()).hasSize(300);
        assertThat(enc.other()).isCloseTo(1.0 / v.length, within(1e-12));
        String bucketedValue = java.util.Arrays.stream(v).filter(x -> !x.startsWith("often-")).findFirst().orElseThrow();
        Frame probe = new Frames().categorical("c", "often-3", bucketedValue, "never-seen").build();
        double[] raw = new double[3];
        enc.encode(probe.column("c"), raw, 1, 0);
        assertThat(raw[0]).isCloseTo(5.0 / v.length, within(1e-12));
        assertThat(raw[1]).isEqualTo(enc.other());
        assertThat(raw[2]).isEqualTo(enc.other());
        // A bundle from before bucketing has no bucket: unseen values are 0, as they were.
        assertThat(new ColumnPrep.Frequency("c", Map.of("a", 1.0), "a").other()).isZero();
    }

    /** Issue 12 item 10: scoring the training file never claims a value it holds was never seen. */
    @Test
    void explanationsOfTrainingRowsNeverSayNeverSeen() {
        String[] v = values(300, 3000);
        Frame train = new Frames().categorical("request", v).build();
        Explainer e = new ExplainerTrainer().fit(train);
        int rare = 0;
        for (int row = 0; row < train.rows(); row++) {
            Reason r = e.explain(train, row).get(0);
            assertThat(r.narrative()).doesNotContain("never seen");
            if (v[row].startsWith("often-")) {
                assertThat(r.narrative()).contains("of training rows");
            } else {
                assertThat(r.narrative()).isEqualTo("request '" + v[row] + "' is a rare value (seen in training fewer than 2 times)");
                rare++;
            }
        }
        assertThat(rare).isEqualTo(3000);
        Frame unseen = new Frames().categorical("request", "zzz").build();
        assertThat(e.explain(unseen, 0).get(0).narrative()).contains("fewer than 2 times");
    }
}
