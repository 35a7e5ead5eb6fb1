package io.sentinelrisk.core.detect.stream;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.detect.support.Seeds;

/**
 * A robust random cut forest that learns one point at a time: each tree samples the stream
 * with time decay ({@link DecaySampler}) and holds its sample as a {@link CutTree}. A point's
 * score is the mean of its trees' scores; scoring never changes the forest. Every tree draws
 * its random numbers from its own counter-based stream of the seed, so the forest after a given
 * sequence of points is the same on every run.
 */
final class CutForest {
    private final int dim;
    private final int sampleSize;
    private final double timeDecay;
    private final long seed;
    private final CutTree[] trees;
    private final DecaySampler[] samplers;
    private final long[] draws;
    private long step;

    CutForest(int dim, int trees, int sampleSize, double timeDecay, long seed) {
        this.dim = dim;
        this.sampleSize = sampleSize;
        this.timeDecay = timeDecay;
        this.seed = seed;
        this.trees = new CutTree[trees];
        this.samplers = new DecaySampler[trees];
        this.draws = new long[trees];
        for (int t = 0; t < trees; t++) {
            this.trees[t] = new CutTree(dim, sampleSize);
            this.samplers[t] = new DecaySampler(sampleSize);
        }
    }

    private CutForest(CutForest o) {
        dim = o.dim;
        sampleSize = o.sampleSize;
        timeDecay = o.timeDecay;
        seed = o.seed;
        trees = new CutTree[o.trees.length];
        samplers = new DecaySampler[o.trees.length];
        for (int t = 0; t < trees.length; t++) {
            trees[t] = o.trees[t].copy();
            samplers[t] = o.samplers[t].copy();
        }
        draws = o.draws.clone();
        step = o.step;
    }

    CutForest copy() {
        return new CutForest(this);
    }

    int dim() {
        return dim;
    }

    /** Mean score of {@code q[off .. off+dim)} over the trees; 0 before any point was learnt. */
    double score(double[] q, int off) {
        double sum = 0;
        for (CutTree t : trees) {
            sum += t.score(q, off);
        }
        return sum / trees.length;
    }

    /** Offers {@code p} to every tree's sampler; trees that accept it insert it. */
    void update(double[] p, int off) {
        step++;
        for (int t = 0; t < trees.length; t++) {
            final int tree = t;
            double key = DecaySampler.key(timeDecay, step, uniform(tree));
            DecaySampler s = samplers[t];
            if (!s.accepts(key)) {
                continue;
            }
            if (s.full()) {
                trees[t].delete(s.evict());
            }
            int slot = trees[t].insert(p, off, () -> uniform(tree));
            s.add(key, slot);
        }
    }

    /** Uniform in (0, 1) from tree {@code t}'s stream. */
    private double uniform(int t) {
        long bits = Seeds.derive(Seeds.derive(seed, t), draws[t]++);
        return ((bits >>> 11) + 0.5) * 0x1.0p-53;
    }

    void write(BinaryWriter w) {
        w.writeInt(dim).writeInt(trees.length).writeInt(sampleSize).writeDouble(timeDecay).writeLong(seed)
                .writeLong(step);
        for (int t = 0; t < trees.length; t++) {
            w.writeLong(draws[t]);
            samplers[t].write(w);
            trees[t].write(w);
        }
    }

    static CutForest read(BinaryReader r) {
        int dim = r.readInt();
        int n = r.readInt();
        int sampleSize = r.readInt();
        double decay = r.readDouble();
        long seed = r.readLong();
        if (dim < 1 || n < 1 || sampleSize < 2 || (long) n * sampleSize * dim > 1L << 28 || !(decay >= 0)) {
            throw r.corrupt("bad forest header (dim " + dim + ", trees " + n + ", sample " + sampleSize + ")");
        }
        CutForest f = new CutForest(dim, n, sampleSize, decay, seed);
        f.step = r.readLong();
        for (int t = 0; t < n; t++) {
            f.draws[t] = r.readLong();
            f.samplers[t] = DecaySampler.read(r, sampleSize);
            f.trees[t] = CutTree.read(r, dim, sampleSize);
        }
        return f;
    }
}
