package io.sentinelrisk.core.detect.stream;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.detect.support.Seeds;

/**
 * Everything {@code stream_rcf} has learnt from the rows so far, and the online step that scores
 * the next row and then learns it. A row's score depends only on the rows before it (and on the
 * row itself as the newest value of its shingle); the row is learnt after it was scored.
 *
 * <p>Views: the "level" forest scores shingles of the last {@code shingle_size} rows; with
 * {@code season_length} L &gt; 0, a second forest scores shingles of the seasonal differences
 * x(t) − x(t−L), which are flat when a series repeats its season and move when the season breaks.
 * Each view's raw score goes through its own {@link ScoreLikelihood}; the row's score is the
 * larger of the views' log-likelihood scores. With more than one feature, each feature is
 * divided by its running standard deviation so that no feature dominates the cuts by its unit.
 * The row's tail probability then goes through the {@link AlarmRules} (spatial rule, quiet
 * period; both off in models of the first stored form) and, with {@code recall_period} &gt; 0, the
 * {@link SeasonalRecall} rule (models of the third stored form on).
 */
final class StreamState {
    private final StreamRcfParams p;
    private final int features;
    private final long seed;
    private final double[] ring;
    private final int ringRows;
    private long rows;
    // running per-feature mean and sum of squared deviations (Welford), for the scale of multivariate rows
    private final double[] mean;
    private final double[] m2;
    private final CutForest level;
    private final ScoreLikelihood levelLikelihood;
    private final CutForest seasonal;
    private final ScoreLikelihood seasonalLikelihood;
    private final double[] shingle;
    private AlarmRules rules;
    private SeasonalRecall recall;

    StreamState(StreamRcfParams p, int features, long seed) {
        this.p = p;
        this.features = features;
        this.seed = seed;
        this.ringRows = p.seasonLength() + p.shingleSize();
        this.ring = new double[ringRows * features];
        this.mean = new double[features];
        this.m2 = new double[features];
        int dim = p.shingleSize() * features;
        this.level = new CutForest(dim, p.nTrees(), p.sampleSize(), p.timeDecay(), Seeds.derive(seed, 0));
        this.levelLikelihood = new ScoreLikelihood(p.averageWindow(), p.scoreWindow());
        this.seasonal = p.seasonLength() > 0
                ? new CutForest(dim, p.nTrees(), p.sampleSize(), p.timeDecay(), Seeds.derive(seed, 1)) : null;
        this.seasonalLikelihood = p.seasonLength() > 0 ? new ScoreLikelihood(p.averageWindow(), p.scoreWindow()) : null;
        this.shingle = new double[dim];
        this.rules = new AlarmRules(features, p.spatialTolerance(), p.quietRows());
        this.recall = p.recallPeriod() > 0 ? new SeasonalRecall(p.recallPeriod()) : null;
    }

    private StreamState(StreamState o) {
        p = o.p;
        features = o.features;
        seed = o.seed;
        ring = o.ring.clone();
        ringRows = o.ringRows;
        rows = o.rows;
        mean = o.mean.clone();
        m2 = o.m2.clone();
        level = o.level.copy();
        levelLikelihood = o.levelLikelihood.copy();
        seasonal = o.seasonal == null ? null : o.seasonal.copy();
        seasonalLikelihood = o.seasonalLikelihood == null ? null : o.seasonalLikelihood.copy();
        shingle = new double[o.shingle.length];
        rules = o.rules.copy();
        recall = o.recall == null ? null : o.recall.copy();
    }

    StreamState copy() {
        return new StreamState(this);
    }

    /** The state before any row, with the same parameters and seed. */
    StreamState fresh() {
        return new StreamState(p, features, seed);
    }

    StreamRcfParams params() {
        return p;
    }

    int features() {
        return features;
    }

    long rows() {
        return rows;
    }

    /** Scores the row {@code x[off .. off+features)} against what was learnt so far, then learns it. */
    double step(double[] x, int off) {
        long t = rows;
        System.arraycopy(x, off, ring, (int) (t % ringRows) * features, features);
        boolean feedLikelihood = t >= p.warmup() / 2;
        double levelTail = 1;
        double levelRaw = 0;
        int s = p.shingleSize();
        if (t >= s - 1) {
            fillShingle(t, 0);
            levelRaw = level.score(shingle, 0);
            if (feedLikelihood) {
                levelTail = levelLikelihood.step(levelRaw);
            }
            level.update(shingle, 0);
        }
        double seasonalTail = 1;
        double seasonalRaw = 0;
        if (seasonal != null && t >= p.seasonLength() + s - 1) {
            fillShingle(t, p.seasonLength());
            seasonalRaw = seasonal.score(shingle, 0);
            if (feedLikelihood) {
                seasonalTail = seasonalLikelihood.step(seasonalRaw);
            }
            seasonal.update(shingle, 0);
        }
        learnScale(x, off);
        boolean spatial = rules.observe(x, off);
        double tail = Math.min(levelTail, seasonalTail);
        if (recall != null && recall.step(tail <= ScoreLikelihood.RED) && !spatial) {
            tail = ScoreLikelihood.YELLOW;   // alarmed at this time of an earlier season too: a scheduled event, not news
        }
        rows++;
        if (t < p.warmup()) {
            return 0;
        }
        if (!p.likelihood()) {
            return Math.max(levelRaw, seasonalRaw);
        }
        return ScoreLikelihood.logScore(rules.filter(tail, spatial, t));
    }

    /**
     * The shingle ending at row {@code t}: rows t−s+1 .. t, oldest first, as values ({@code lag}
     * 0) or as differences from the row {@code lag} earlier; each feature divided by its scale.
     */
    private void fillShingle(long t, int lag) {
        int s = p.shingleSize();
        for (int i = 0; i < s; i++) {
            long r = t - s + 1 + i;
            int at = (int) (r % ringRows) * features;
            int before = lag > 0 ? (int) ((r - lag) % ringRows) * features : -1;
            for (int j = 0; j < features; j++) {
                double v = ring[at + j] - (before >= 0 ? ring[before + j] : 0);
                shingle[i * features + j] = v / scale(j);
            }
        }
    }

    private double scale(int j) {
        if (features == 1 || rows < 2) {
            return 1;   // one feature: the forest does not depend on its unit
        }
        double sd = Math.sqrt(m2[j] / (rows - 1));
        return sd > 0 ? sd : 1;
    }

    private void learnScale(double[] x, int off) {
        double n = rows + 1;
        for (int j = 0; j < features; j++) {
            double d = x[off + j] - mean[j];
            mean[j] += d / n;
            m2[j] += d * (x[off + j] - mean[j]);
        }
    }

    void write(BinaryWriter w) {
        w.writeInt(features).writeLong(seed).writeLong(rows).writeDoubles(ring).writeDoubles(mean).writeDoubles(m2);
        level.write(w);
        levelLikelihood.write(w);
        if (seasonal != null) {
            seasonal.write(w);
            seasonalLikelihood.write(w);
        }
        rules.write(w);
        if (recall != null) {
            recall.write(w);
        }
    }

    /**
     * Reads the stored form; version 1 has no alarm-rule state (its parameters turn both rules off),
     * versions 1 and 2 no seasonal recall (their parameters turn it off).
     */
    static StreamState read(BinaryReader r, StreamRcfParams p) {
        int features = r.readInt();
        if (features < 1 || (long) features * p.shingleSize() > 1 << 20) {
            throw r.corrupt("bad feature count " + features);
        }
        StreamState s = new StreamState(p, features, r.readLong());
        s.rows = r.readLong();
        double[] ring = r.readDoubles();
        double[] mean = r.readDoubles();
        double[] m2 = r.readDoubles();
        if (s.rows < 0 || ring.length != s.ring.length || mean.length != features || m2.length != features) {
            throw r.corrupt("stream state arrays do not match " + features + " features");
        }
        System.arraycopy(ring, 0, s.ring, 0, ring.length);
        System.arraycopy(mean, 0, s.mean, 0, features);
        System.arraycopy(m2, 0, s.m2, 0, features);
        CutForest level = CutForest.read(r);
        ScoreLikelihood levelLikelihood = ScoreLikelihood.read(r, p.averageWindow(), p.scoreWindow());
        CutForest seasonal = p.seasonLength() > 0 ? CutForest.read(r) : null;
        ScoreLikelihood seasonalLikelihood = p.seasonLength() > 0
                ? ScoreLikelihood.read(r, p.averageWindow(), p.scoreWindow()) : null;
        if (level.dim() != s.shingle.length || (seasonal != null && seasonal.dim() != s.shingle.length)) {
            throw r.corrupt("forest dimension does not match shingle_size × features");
        }
        StreamState out = new StreamState(s, level, levelLikelihood, seasonal, seasonalLikelihood);
        if (r.version() >= 2) {
            out.rules = AlarmRules.read(r, features, p.spatialTolerance(), p.quietRows());
        }
        if (p.recallPeriod() > 0) {
            out.recall = SeasonalRecall.read(r, p.recallPeriod());
        }
        return out;
    }

    private StreamState(StreamState base, CutForest level, ScoreLikelihood levelLikelihood, CutForest seasonal,
                        ScoreLikelihood seasonalLikelihood) {
        p = base.p;
        features = base.features;
        seed = base.seed;
        ring = base.ring;
        ringRows = base.ringRows;
        rows = base.rows;
        mean = base.mean;
        m2 = base.m2;
        this.level = level;
        this.levelLikelihood = levelLikelihood;
        this.seasonal = seasonal;
        this.seasonalLikelihood = seasonalLikelihood;
        shingle = base.shingle;
        rules = base.rules;
        recall = base.recall;
    }
}
