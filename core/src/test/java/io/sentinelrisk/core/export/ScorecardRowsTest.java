package io.sentinelrisk.core.export;

import io.sentinelrisk.core.bundle.ModelId;
import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.io.CsvWriter;
import io.sentinelrisk.core.mapping.Business;
import io.sentinelrisk.core.mapping.BusinessMapping;
import io.sentinelrisk.core.mapping.FrameMapper;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scorecard rows, written in one pass into the writer's buffer, are byte for byte what the
 * writer's per-cell calls wrote before (kept here as the reference): every kind of column, missing
 * values, text that needs guarding, quoting or UTF-8, ids, entity and time, a business mapping,
 * several delimiters and blocks that cross the buffer.
 */
class ScorecardRowsTest {
    private static final String MAPPING = """
            categories:
              - name: far_out
                when: "abs(x) > 1.5"
                risk_level: critical
                estimated_cost: 1200.5
                currency: EUR
                sla_minutes: 20
                recommended_action: =Call the owner.
              - name: near
                when: "abs(x) > 0.5"
                risk_level: low
                estimated_cost: 7
                currency: USD
                recommended_action: Look, "later"
            """;
    private static final String[] LABELS = {"US", "=1+2", "-3", "+x", "@a", "a,b", "say \"hi\"", "two\nlines", " padded ",
            "Zürich", "東京", "tab\tin", "x;y", "\u00a7", "", "long-" + "y".repeat(300), "\rcr"};

    private static Pipeline fit(Map<String, Object> config, boolean mapping) {
        SplittableRandom r = new SplittableRandom(9);
        int n = 300;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
            y[i] = r.nextGaussian();
        }
        int[] user = new int[n];
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            user[i] = i % 20;
            ts[i] = 1_700_000_000_000L + i * 60_000L;
        }
        Frame f = new Frame(new Schema(List.of(new Field("x", ColumnType.NUMERIC, ColumnRole.FEATURE),
                new Field("y", ColumnType.NUMERIC, ColumnRole.FEATURE),
                new Field("=country", ColumnType.CATEGORICAL, ColumnRole.IGNORE),
                new Field("user", ColumnType.CATEGORICAL, ColumnRole.IGNORE),
                new Field("ts", ColumnType.TIMESTAMP, ColumnRole.IGNORE))),
                List.of(new Column.Numeric("x", x), new Column.Numeric("y", y),
                        new Column.Categorical("=country", new int[n], List.of("US")),
                        new Column.Categorical("user", user, List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j",
                                "k", "l", "m", "n", "o", "p", "q", "r", "s", "t")),
                        new Column.Timestamp("ts", ts)));
        SentinelConfig cfg = SentinelConfig.fromMap(new LinkedHashMap<>(), config, k -> null, "test");
        Pipeline p = new PipelineTrainer(cfg).fit(f, null).pipeline();
        return mapping ? p.withMapping(BusinessMapping.parse(MAPPING, "m.yaml", "m.yaml")) : p;
    }

    /** Numbers of every shape a column holds: whole, short and long decimals, huge, tiny, missing. */
    private static double number(SplittableRandom r) {
        return switch (r.nextInt(12)) {
            case 0 -> Double.NaN;
            case 1 -> r.nextInt(-5000, 100_000);
            case 2 -> Math.round(r.nextGaussian() * 1e5) / 100.0;
            case 3 -> r.nextGaussian();
            case 4 -> r.nextLong(-4_000_000_000_000_000L, 4_000_000_000_000_000L);
            case 5 -> Double.longBitsToDouble(r.nextLong());
            case 6 -> r.nextBoolean() ? -0.0 : 0.0;
            case 7 -> r.nextDouble() * 1e-5;
            case 8 -> r.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE + 1.0;
            case 9 -> r.nextDouble() * 1e7;
            case 10 -> r.nextInt(0, 10);
            default -> r.nextDouble();
        };
    }

    private static ScoredData block(Pipeline p, int rows, SplittableRandom r, boolean withIds) {
        double[] x = new double[rows];
        double[] y = new double[rows];
        double[] n = new double[rows];
        double[] flag = new double[rows];
        int[] country = new int[rows];
        int[] user = new int[rows];
        long[] ts = new long[rows];
        double[] score = new double[rows];
        double[] risk = new double[rows];
        Severity[] sev = new Severity[rows];
        boolean[] anomaly = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = r.nextGaussian() * 1.2;
            y[i] = r.nextInt(10) == 0 ? Double.NaN : r.nextGaussian();
            n[i] = number(r);
            flag[i] = r.nextInt(5) == 0 ? Double.NaN : r.nextInt(2);
            country[i] = r.nextInt(LABELS.length + 2) - 2;   // -2 and -1: missing
            if (country[i] < -1) {
                country[i] = -1;
            }
            user[i] = r.nextInt(8) == 0 ? -1 : r.nextInt(20);
            ts[i] = r.nextInt(6) == 0 ? Column.Timestamp.MISSING : 1_700_000_000_000L + r.nextLong(1L << 36);
            score[i] = switch (r.nextInt(20)) {
                case 0 -> Double.NaN;
                case 1 -> 1.0;
                case 2 -> 0.5;
                case 3 -> Math.scalb(1.0, -r.nextInt(1, 20));
                default -> r.nextDouble();
            };
            risk[i] = switch (r.nextInt(50)) {
                case 0 -> Double.NaN;
                case 1 -> 1e12 + r.nextDouble();
                case 2 -> -r.nextDouble();
                case 3 -> Math.round(r.nextDouble() * 100_000) / 1000.0;
                default -> r.nextDouble() * 100;
            };
            sev[i] = Severity.values()[r.nextInt(Severity.values().length)];
            anomaly[i] = r.nextInt(3) == 0;
        }
        List<String> users = new ArrayList<>();
        for (int u = 0; u < 20; u++) {
            users.add(u % 5 == 0 ? "=u" + u : "user" + u);
        }
        List<Field> fields = new ArrayList<>(List.of(new Field("x", ColumnType.NUMERIC, ColumnRole.FEATURE),
                new Field("y", ColumnType.NUMERIC, ColumnRole.FEATURE),
                new Field("n", ColumnType.NUMERIC, ColumnRole.IGNORE),
                new Field("flag", ColumnType.BOOLEAN, ColumnRole.IGNORE),
                new Field("=country", ColumnType.CATEGORICAL, ColumnRole.IGNORE),
                new Field("user", ColumnType.CATEGORICAL, withIds ? ColumnRole.ID : ColumnRole.IGNORE),
                new Field("ts", ColumnType.TIMESTAMP, ColumnRole.IGNORE)));
        List<Column> columns = new ArrayList<>(List.of(new Column.Numeric("x", x), new Column.Numeric("y", y),
                new Column.Numeric("n", n), new Column.Numeric("flag", flag),
                new Column.Categorical("=country", country, List.of(LABELS)),
                new Column.Categorical("user", user, users), new Column.Timestamp("ts", ts)));
        Frame frame = new Frame(new Schema(fields), columns);
        return new ScoredData("in.csv", frame, new ScoredBatch(score, risk, sev, anomaly), p, null, null);
    }

    private static void assertSameBytes(Pipeline p, boolean withIds, char delimiter, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<ScoredData> blocks = List.of(block(p, 3000, r, withIds), block(p, 1, r, withIds), block(p, 2500, r, withIds));
        ByteArrayOutputStream fast = new ByteArrayOutputStream();
        ScorecardExport.Rows rows = new ScorecardExport.Rows(fast, blocks.get(0), delimiter);
        ByteArrayOutputStream slow = new ByteArrayOutputStream();
        Reference ref = new Reference(slow, blocks.get(0), delimiter);
        long first = 0;
        for (ScoredData b : blocks) {
            rows.write(b, first);
            ref.write(b, first);
            first += b.frame().rows();
        }
        rows.flush();
        ref.w.flush();
        assertThat(fast.size()).isGreaterThan(100_000);
        byte[] a = fast.toByteArray();
        byte[] e = slow.toByteArray();
        int at = java.util.Arrays.mismatch(a, e);
        assertThat(at).as("first differing byte; written %s, expected %s", excerpt(a, at), excerpt(e, at)).isEqualTo(-1);
    }

    private static String excerpt(byte[] b, int at) {
        int from = Math.max(0, Math.min(at, b.length) - 80);
        return new String(b, from, Math.min(b.length, from + 160) - from, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void everyKindOfColumnIsWrittenAsByTheCellByCellWriter() {
        Pipeline plain = fit(Map.of("n_estimators", 10), false);
        for (char d : new char[] {',', ';', '\t', '|'}) {
            assertSameBytes(plain, false, d, d);
            assertSameBytes(plain, true, d, d + 1);
        }
    }

    @Test
    void nonAsciiDelimitersAreWrittenAsTheirUtf8Bytes() {
        Pipeline plain = fit(Map.of("n_estimators", 10), false);
        assertSameBytes(plain, false, '§', 3);
        assertSameBytes(plain, true, '\u2016', 4);
    }

    @Test
    void entityTimeAndBusinessColumnsAreWrittenAsByTheCellByCellWriter() {
        Pipeline mapped = fit(Map.of("n_estimators", 10, "entity_column", "user", "time_column", "ts"), true);
        assertThat(mapped.mapping()).isPresent();
        assertSameBytes(mapped, false, ',', 5);
        assertSameBytes(mapped, true, ';', 6);
        Pipeline entityOnly = fit(Map.of("n_estimators", 10, "entity_column", "=country"), false);
        assertSameBytes(entityOnly, true, ',', 7);
    }

    /** The scorecard rows as the writer's per-cell calls wrote them, before the one-pass writer. */
    private static final class Reference {
        private enum Kind { NUMBER, BOOLEAN, TEXT, OTHER }

        private final CsvWriter w;
        private final Kind[] kinds;
        private final boolean business;
        private final String modelId;
        private AlertIds.Hasher ids;

        Reference(java.io.OutputStream out, ScoredData like, char delimiter) {
            this.w = new CsvWriter(out, delimiter);
            Frame frame = like.frame();
            int cols = frame.columnCount();
            kinds = new Kind[cols];
            for (int c = 0; c < cols; c++) {
                kinds[c] = switch (frame.column(c)) {
                    case Column.Numeric n -> frame.schema().field(c).type() == ColumnType.BOOLEAN ? Kind.BOOLEAN : Kind.NUMBER;
                    case Column.Categorical t -> Kind.TEXT;
                    default -> Kind.OTHER;
                };
            }
            business = like.pipeline().mapping().isPresent();
            modelId = ModelId.of(like.pipeline());
        }

        void write(ScoredData block, long firstRecord) {
            Frame frame = block.frame();
            ScoredBatch s = block.scores();
            int cols = kinds.length;
            double[][] numbers = new double[cols][];
            for (int c = 0; c < cols; c++) {
                if (kinds[c] == Kind.NUMBER || kinds[c] == Kind.BOOLEAN) {
                    numbers[c] = ((Column.Numeric) frame.column(c)).values();
                }
            }
            FrameMapper mapper = business ? block.mapper().orElseThrow() : null;
            EventColumns events = block.events();
            if (ids == null || !ids.isFor(block.source())) {
                ids = new AlertIds.Hasher(modelId, block.source());
            }
            boolean hasIds = !frame.schema().withRole(ColumnRole.ID).isEmpty();
            for (int r = 0; r < s.rows(); r++) {
                for (int c = 0; c < cols; c++) {
                    switch (kinds[c]) {
                        case NUMBER -> w.number(numbers[c][r], c == 0);
                        case BOOLEAN -> {
                            double v = numbers[c][r];
                            w.field(Double.isNaN(v) ? "" : v != 0 ? "true" : "false", c == 0);
                        }
                        case TEXT -> w.field(FormulaGuard.neutralise(frame.column(c).text(r)), c == 0);
                        case OTHER -> w.field(frame.text(c, r), c == 0);
                    }
                }
                w.shortest(s.score()[r], cols == 0);
                w.fixed2(s.risk()[r], false);
                w.field(s.severity()[r].id(), false);
                w.field(s.isAnomaly()[r] ? "true" : "false", false);
                int record = Math.toIntExact(firstRecord + r);
                String key = hasIds ? AlertIds.eventKey(RecordValues.id(frame, r)) : null;
                w.field(key == null ? AlertIds.of(modelId, block.source(), record, null) : AlertIds.ofEventKey(modelId, key), false);
                String entity = events.entity(frame, r);
                w.field(entity == null ? "" : FormulaGuard.neutralise(entity), false);
                String time = events.eventTime(frame, r);
                w.field(time == null ? "" : time, false);
                w.field(s.isAnomaly()[r] ? FormulaGuard.neutralise(ScorecardExport.topReason(block, r)) : "", false);
                if (mapper != null) {
                    Business b = block.business(mapper, r, false);
                    w.field(FormulaGuard.neutralise(b.category()), false);
                    w.field(b.estimatedCost() == null ? "" : cost(b.estimatedCost()), false);
                    w.field(b.currency(), false);
                    w.field(b.slaMinutes() == null ? "" : b.slaMinutes().toString(), false);
                    w.field(FormulaGuard.neutralise(b.recommendedAction()), false);
                }
                w.endRow();
            }
        }

        private static String cost(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }
}
