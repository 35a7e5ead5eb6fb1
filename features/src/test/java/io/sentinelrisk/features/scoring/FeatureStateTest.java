package io.sentinelrisk.features.scoring;

import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.features.stream.EntityStateCodec;
import io.sentinelrisk.features.stream.StreamingFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The entities' state across runs: saved, restored, and refused when damaged. */
class FeatureStateTest {
    private static final SentinelConfig CFG = ScoringData.config("iforest", 1);

    /** The feature columns of an enriched frame, as arrays. */
    private static double[][] features(Frame f, List<String> names) {
        double[][] out = new double[names.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Column.Numeric) f.column(names.get(i))).values();
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 17, 29})
    void continuingFromSavedStateEqualsOnePass(long seed, @TempDir Path dir) {
        Path[] files = ScoringData.split(dir, seed, 800, 0.6);
        Path both = dir.resolve("all.csv");   // the unsplit events, in the same order
        Dataset first = ScoringData.load(files[0], CFG, null);
        Dataset all = ScoringData.load(both, CFG, null);

        FeatureStage train = FeatureStage.of(FeatureStage.compile("pack:soc"));
        train.enrich(first.frame(), first.lineNumbers(), "train");
        Path state = dir.resolve("s.state");
        train.writeState(state);

        FeatureStage resumed = FeatureStage.of(train.part());
        resumed.readState(state);
        Dataset later = ScoringData.load(files[1], CFG, first.frame().schema());
        double[][] got = features(resumed.enrich(later.frame(), later.lineNumbers(), "later"), train.featureColumns());

        FeatureStage onePass = FeatureStage.of(train.part());
        double[][] expected = features(onePass.enrich(all.frame(), all.lineNumbers(), "all"), train.featureColumns());
        int offset = first.rows();
        for (int c = 0; c < got.length; c++) {
            double[] tail = Arrays.copyOfRange(expected[c], offset, expected[c].length);
            assertThat(got[c]).as(train.featureColumns().get(c)).containsExactly(tail);
        }
        // and the state bytes are a function of the state: saving the resumed one after the same events agrees
        assertThat(resumed.stateBytes()).isEqualTo(onePass.stateBytes());
    }

    /** A soc stage after {@code n} generated events, and those events. */
    private static FeatureStage trained(Path dir, long seed, int n, Dataset[] events) {
        Path[] files = ScoringData.split(dir, seed, n, 1.0);
        events[0] = ScoringData.load(files[0], CFG, null);
        FeatureStage s = FeatureStage.of(FeatureStage.compile("pack:soc"));
        s.enrich(events[0].frame(), events[0].lineNumbers(), "train.csv");
        return s;
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 8})
    void theRowOrderOfAFileDoesNotMatter(long seed, @TempDir Path dir) {
        Path[] files = ScoringData.split(dir, seed, 400, 1.0);
        Dataset d = ScoringData.load(files[0], CFG, null);
        int n = d.rows();
        int[] shuffle = new int[n];
        for (int i = 0; i < n; i++) {
            shuffle[i] = i;
        }
        java.util.Random rnd = new java.util.Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = shuffle[i];
            shuffle[i] = shuffle[j];
            shuffle[j] = t;
        }
        FeatureStage a = FeatureStage.of(FeatureStage.compile("pack:soc"));
        double[][] inOrder = features(a.enrich(d.frame(), d.lineNumbers(), "a"), a.featureColumns());
        FeatureStage b = FeatureStage.of(a.part());
        double[][] shuffled = features(b.enrich(d.frame().selectRows(shuffle), null, "b"), a.featureColumns());
        for (int c = 0; c < inOrder.length; c++) {
            for (int i = 0; i < n; i++) {
                assertThat(shuffled[c][i]).as("%s of row %d", a.featureColumns().get(c), shuffle[i]).isEqualTo(Double.valueOf(inOrder[c][shuffle[i]]));
            }
        }
    }

    @Test
    void damagedStateIsRefused(@TempDir Path dir) throws Exception {
        FeatureStage s = trained(dir, 5, 300, new Dataset[1]);
        byte[] good = s.stateBytes();

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 1;
        assertThatThrownBy(() -> FeatureStage.of(s.part()).loadState(flipped, "s.state"))
                .isInstanceOf(InputException.class).hasMessageContaining("s.state").hasMessageContaining("checksum");
        byte[] cut = Arrays.copyOf(good, good.length - 40);
        assertThatThrownBy(() -> FeatureStage.of(s.part()).loadState(cut, "s.state"))
                .isInstanceOf(InputException.class).hasMessageContaining("corrupt feature state");
        assertThatThrownBy(() -> FeatureStage.of(s.part()).loadState(new byte[] {1, 2, 3}, "s.state"))
                .isInstanceOf(InputException.class).hasMessageContaining("not a SentinelRisk feature state");
        // another plan's state: refused by name, even though its checksum is right
        FeatureStage web = FeatureStage.of(FeatureStage.compile("pack:web-session"));
        assertThatThrownBy(() -> web.loadState(good, "s.state"))
                .isInstanceOf(InputException.class).hasMessageContaining("another feature plan");
        assertThatThrownBy(() -> FeatureStage.of(s.part()).readState(dir.resolve("none.state")))
                .isInstanceOf(InputException.class).hasMessageContaining("no such feature state file");
    }

    @Test
    void eachEntityEncodesAloneForKeyedState(@TempDir Path dir) {
        FeatureStage s = trained(dir, 13, 300, new Dataset[1]);
        StreamingFeatures engine = s.engine();
        StreamingFeatures copy = FeatureStage.of(s.part()).engine();
        assertThat(engine.states()).isNotEmpty();
        engine.states().forEach((key, st) -> {
            byte[] b = EntityStateCodec.encodeEntity(st);
            copy.putState(key, EntityStateCodec.decodeEntity(b, copy, key));
            byte[] bad = b.clone();
            bad[b.length / 3] ^= 4;
            assertThatThrownBy(() -> EntityStateCodec.decodeEntity(bad, copy, key)).isInstanceOf(InputException.class)
                    .hasMessageContaining("checksum");
        });
        assertThat(EntityStateCodec.encode(copy, "p")).isEqualTo(EntityStateCodec.encode(engine, "p"));
    }

    @Test
    void hostileCountsAreBoundedByTheFileSize() {
        FeatureStage s = FeatureStage.of(FeatureStage.compile("pack:soc"));
        byte[] valid = s.stateBytes();   // no entities: header, count 0, checksum
        // the same header claiming two billion entities, with a matching checksum
        ByteBuffer body = ByteBuffer.allocate(valid.length - 32);
        body.put(valid, 0, valid.length - 32 - 4).putInt(Integer.MAX_VALUE);
        byte[] hostile = withChecksum(body.array());
        assertThatThrownBy(() -> FeatureStage.of(s.part()).loadState(hostile, "h.state"))
                .isInstanceOf(InputException.class).hasMessageContaining("does not fit the file");
    }

    @Test
    void eventsOlderThanTheStateAreRefusedWithTheRule(@TempDir Path dir) throws Exception {
        Dataset[] events = new Dataset[1];
        FeatureStage s = trained(dir, 9, 300, events);
        Dataset d = events[0];
        // the same events again are older than every entity's latest
        assertThatThrownBy(() -> s.enrich(d.frame(), d.lineNumbers(), "again.csv"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("again.csv:2")
                .hasMessageContaining("is older than its latest event")
                .hasMessageContaining("each entity's events must come in time order");
    }

    @Test
    void missingEntityOrTimestampIsNamed(@TempDir Path dir) throws Exception {
        Path[] files = ScoringData.split(dir, 9, 50, 1.0);
        Dataset d = ScoringData.load(files[0], CFG, null);
        FeatureStage s = FeatureStage.of(FeatureStage.compile("pack:soc"));
        assertThatThrownBy(() -> s.enrich(d.frame().without("user"), d.lineNumbers(), "e.csv"))
                .isInstanceOf(InputException.class).hasMessageContaining("e.csv").hasMessageContaining("no column 'user'")
                .hasMessageContaining("entity key");
        assertThatThrownBy(() -> s.enrich(d.frame().without("timestamp"), d.lineNumbers(), "e.csv"))
                .isInstanceOf(InputException.class).hasMessageContaining("no column 'timestamp'").hasMessageContaining("event time");
        List<String> lines = Files.readAllLines(files[0]);
        String[] f = lines.get(3).split(",", -1);
        f[1] = "";
        lines.set(3, String.join(",", f));
        Path blank = dir.resolve("blank.csv");
        Files.write(blank, lines);
        Dataset b = ScoringData.load(blank, CFG, null);
        assertThatThrownBy(() -> FeatureStage.of(s.part()).enrich(b.frame(), b.lineNumbers(), "blank.csv"))
                .isInstanceOf(InputException.class).hasMessageContaining("blank.csv:4").hasMessageContaining("no entity");
    }

    private static byte[] withChecksum(byte[] body) {
        try {
            byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(body);
            byte[] out = Arrays.copyOf(body, body.length + sha.length);
            System.arraycopy(sha, 0, out, body.length, sha.length);
            return out;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
