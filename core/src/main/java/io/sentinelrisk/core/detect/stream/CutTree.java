package io.sentinelrisk.core.detect.stream;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;

import java.util.Arrays;

/**
 * One random cut tree (Guha et al., "Robust Random Cut Forest Based Anomaly Detection on
 * Streams", ICML 2016) on flat arrays: points can be inserted and deleted one at a time and the
 * tree keeps the distribution it would have had if built from scratch on its current points.
 * Equal points share one leaf whose mass counts them, so flat series do not grow the tree.
 *
 * <p>Node ids: internal nodes are {@code 0 .. capacity-2}; a leaf is encoded as {@code -(slot+1)}
 * where {@code slot} indexes its point in {@link #points}. Each internal node keeps the bounding
 * box of the points below it ({@code lo}/{@code hi}), so cuts and scores need no scan.
 */
final class CutTree {
    static final int NONE = Integer.MIN_VALUE;

    private final int dim;
    private final int capacity;
    // internal nodes
    private final int[] left;
    private final int[] right;
    private final int[] parent;
    private final int[] cutDim;
    private final double[] cutValue;
    private final int[] mass;
    private final double[] lo;
    private final double[] hi;
    // leaves (point slots)
    private final double[] points;
    private final int[] leafMass;
    private final int[] leafParent;
    private final int[] freeNodes;
    private final int[] freeSlots;
    private int freeNodeCount;
    private int freeSlotCount;
    private int root = NONE;
    private final int[] path;

    CutTree(int dim, int capacity) {
        this.dim = dim;
        this.capacity = capacity;
        int nodes = Math.max(1, capacity - 1);
        left = new int[nodes];
        right = new int[nodes];
        parent = new int[nodes];
        cutDim = new int[nodes];
        cutValue = new double[nodes];
        mass = new int[nodes];
        lo = new double[nodes * dim];
        hi = new double[nodes * dim];
        points = new double[capacity * dim];
        leafMass = new int[capacity];
        leafParent = new int[capacity];
        freeNodes = new int[nodes];
        freeSlots = new int[capacity];
        for (int i = 0; i < nodes; i++) {
            freeNodes[i] = nodes - 1 - i;
        }
        for (int i = 0; i < capacity; i++) {
            freeSlots[i] = capacity - 1 - i;
        }
        freeNodeCount = nodes;
        freeSlotCount = capacity;
        path = new int[capacity + 1];
    }

    private CutTree(CutTree o) {
        dim = o.dim;
        capacity = o.capacity;
        left = o.left.clone();
        right = o.right.clone();
        parent = o.parent.clone();
        cutDim = o.cutDim.clone();
        cutValue = o.cutValue.clone();
        mass = o.mass.clone();
        lo = o.lo.clone();
        hi = o.hi.clone();
        points = o.points.clone();
        leafMass = o.leafMass.clone();
        leafParent = o.leafParent.clone();
        freeNodes = o.freeNodes.clone();
        freeSlots = o.freeSlots.clone();
        freeNodeCount = o.freeNodeCount;
        freeSlotCount = o.freeSlotCount;
        root = o.root;
        path = new int[o.path.length];
    }

    CutTree copy() {
        return new CutTree(this);
    }

    int totalMass() {
        if (root == NONE) {
            return 0;
        }
        return root < 0 ? leafMass[-root - 1] : mass[root];
    }

    /**
     * Inserts {@code p} (read from {@code p[off .. off+dim)}); returns the leaf slot holding it
     * (an existing one when an equal point is already there). {@code u} draws uniforms in [0, 1).
     */
    int insert(double[] p, int off, Uniform u) {
        if (root == NONE) {
            int slot = newLeaf(p, off, NONE);
            root = -slot - 1;
            return slot;
        }
        int node = root;
        int above = NONE;
        while (true) {
            if (node < 0) {
                int slot = -node - 1;
                if (samePoint(slot, p, off)) {
                    leafMass[slot]++;
                    addMassAbove(above);
                    return slot;
                }
            }
            // a random cut of the box of (node ∪ p), chosen with probability proportional to range
            double total = 0;
            for (int k = 0; k < dim; k++) {
                total += Math.max(max(node, k), p[off + k]) - Math.min(min(node, k), p[off + k]);
            }
            double r = u.next() * total;
            int k = -1;
            double low = 0;
            double high = 0;
            for (int j = 0; j < dim; j++) {
                double a = Math.min(min(node, j), p[off + j]);
                double b = Math.max(max(node, j), p[off + j]);
                if (b > a) {
                    // rounding can leave r past the last range: the last dimension with a range takes it
                    k = j;
                    low = a;
                    high = b;
                    if (r < b - a) {
                        break;
                    }
                    r -= b - a;
                }
            }
            if (k < 0) {
                throw new IllegalStateException("non-finite point in a random cut tree");
            }
            double cut = Math.min(low + r, Math.nextDown(high));
            double x = p[off + k];
            boolean pLeft = x <= cut && cut < min(node, k);
            boolean pRight = max(node, k) <= cut && cut < x;
            if (pLeft || pRight) {
                int slot = newLeaf(p, off, NONE);
                int leaf = -slot - 1;
                int n = freeNodes[--freeNodeCount];
                cutDim[n] = k;
                cutValue[n] = cut;
                left[n] = pLeft ? leaf : node;
                right[n] = pLeft ? node : leaf;
                parent[n] = above;
                mass[n] = massOf(node) + 1;
                setParent(node, n);
                leafParent[slot] = n;
                for (int j = 0; j < dim; j++) {
                    lo[n * dim + j] = Math.min(min(node, j), p[off + j]);
                    hi[n * dim + j] = Math.max(max(node, j), p[off + j]);
                }
                if (above == NONE) {
                    root = n;
                } else {
                    if (left[above] == node) {
                        left[above] = n;
                    } else {
                        right[above] = n;
                    }
                    addMassAbove(above);
                }
                return slot;
            }
            // the cut does not separate p: descend, widening this node's box on the way back
            for (int j = 0; j < dim; j++) {
                lo[node * dim + j] = Math.min(lo[node * dim + j], p[off + j]);
                hi[node * dim + j] = Math.max(hi[node * dim + j], p[off + j]);
            }
            above = node;
            node = p[off + cutDim[node]] <= cutValue[node] ? left[node] : right[node];
        }
    }

    /** Removes one copy of the point in leaf {@code slot}. */
    void delete(int slot) {
        int p = leafParent[slot];
        if (--leafMass[slot] > 0) {
            for (int n = p; n != NONE; n = parent[n]) {
                mass[n]--;
            }
            return;
        }
        freeSlots[freeSlotCount++] = slot;
        int leaf = -slot - 1;
        if (p == NONE) {
            root = NONE;
            return;
        }
        int sibling = left[p] == leaf ? right[p] : left[p];
        int g = parent[p];
        setParent(sibling, g);
        if (g == NONE) {
            root = sibling;
        } else if (left[g] == p) {
            left[g] = sibling;
        } else {
            right[g] = sibling;
        }
        freeNodes[freeNodeCount++] = p;
        for (int n = g; n != NONE; n = parent[n]) {
            mass[n]--;
            for (int j = 0; j < dim; j++) {
                lo[n * dim + j] = Math.min(min(left[n], j), min(right[n], j));
                hi[n * dim + j] = Math.max(max(left[n], j), max(right[n], j));
            }
        }
    }

    /**
     * The anomaly score of {@code q} against this tree, without changing it: the expected
     * "displacement" form used by Amazon's implementation — at the leaf {@code q} reaches,
     * 1/(depth+1) if {@code q} is new there (damped by how common it is if it is not), then on the
     * way up, at each node, the probability that a random cut of the node's box grown by
     * {@code q} isolates {@code q} mixes in 1/(depth+1). Scaled by log2(mass+1) so that a forest
     * of any sample size scores a typical point near 1.
     */
    double score(double[] q, int off) {
        if (root == NONE) {
            return 0;
        }
        int depth = 0;
        int node = root;
        while (node >= 0) {
            path[depth++] = node;
            node = q[off + cutDim[node]] <= cutValue[node] ? left[node] : right[node];
        }
        int slot = -node - 1;
        int treeMass = totalMass();
        double s;
        if (samePoint(slot, q, off)) {
            int m = leafMass[slot];
            s = (1 - m / (2.0 * treeMass)) / (depth + log2(m + 1));
        } else {
            s = 1.0 / (depth + 1);
        }
        for (int i = depth - 1; i >= 0; i--) {
            int n = path[i];
            double outside = 0;
            double span = 0;
            for (int j = 0; j < dim; j++) {
                double a = lo[n * dim + j];
                double b = hi[n * dim + j];
                double x = q[off + j];
                if (x < a) {
                    outside += a - x;
                    span += b - x;
                } else if (x > b) {
                    outside += x - b;
                    span += x - a;
                } else {
                    span += b - a;
                }
            }
            if (outside > 0) {
                double prob = outside / span;
                s = prob / (i + 1) + (1 - prob) * s;
            }
        }
        return s * log2(treeMass + 1);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private int newLeaf(double[] p, int off, int parentNode) {
        int slot = freeSlots[--freeSlotCount];
        System.arraycopy(p, off, points, slot * dim, dim);
        leafMass[slot] = 1;
        leafParent[slot] = parentNode;
        return slot;
    }

    private boolean samePoint(int slot, double[] p, int off) {
        return Arrays.equals(points, slot * dim, slot * dim + dim, p, off, off + dim);
    }

    private void addMassAbove(int node) {
        for (int n = node; n != NONE; n = parent[n]) {
            mass[n]++;
        }
    }

    private void setParent(int node, int p) {
        if (node < 0) {
            leafParent[-node - 1] = p;
        } else {
            parent[node] = p;
        }
    }

    private int massOf(int node) {
        return node < 0 ? leafMass[-node - 1] : mass[node];
    }

    private double min(int node, int k) {
        return node < 0 ? points[(-node - 1) * dim + k] : lo[node * dim + k];
    }

    private double max(int node, int k) {
        return node < 0 ? points[(-node - 1) * dim + k] : hi[node * dim + k];
    }

    void write(BinaryWriter w) {
        w.writeInt(root).writeInts(left).writeInts(right).writeInts(parent).writeInts(cutDim).writeDoubles(cutValue)
                .writeInts(mass).writeDoubles(lo).writeDoubles(hi).writeDoubles(points).writeInts(leafMass)
                .writeInts(leafParent).writeInts(freeNodes).writeInt(freeNodeCount).writeInts(freeSlots)
                .writeInt(freeSlotCount);
    }

    static CutTree read(BinaryReader r, int dim, int capacity) {
        CutTree t = new CutTree(dim, capacity);
        t.root = r.readInt();
        copyInto(r, r.readInts(), t.left);
        copyInto(r, r.readInts(), t.right);
        copyInto(r, r.readInts(), t.parent);
        copyInto(r, r.readInts(), t.cutDim);
        copyInto(r, r.readDoubles(), t.cutValue);
        copyInto(r, r.readInts(), t.mass);
        copyInto(r, r.readDoubles(), t.lo);
        copyInto(r, r.readDoubles(), t.hi);
        copyInto(r, r.readDoubles(), t.points);
        copyInto(r, r.readInts(), t.leafMass);
        copyInto(r, r.readInts(), t.leafParent);
        copyInto(r, r.readInts(), t.freeNodes);
        t.freeNodeCount = r.readInt();
        copyInto(r, r.readInts(), t.freeSlots);
        t.freeSlotCount = r.readInt();
        if (t.freeNodeCount < 0 || t.freeNodeCount > t.freeNodes.length || t.freeSlotCount < 0
                || t.freeSlotCount > t.freeSlots.length) {
            throw r.corrupt("tree free lists out of range");
        }
        t.checkLinks(r);
        return t;
    }

    /** Every node id a decoded tree refers to is in range (so a corrupt part fails here, not while scoring). */
    private void checkLinks(BinaryReader r) {
        int nodes = left.length;
        for (int n : new int[] {root}) {
            checkId(r, n, nodes, true);
        }
        for (int i = 0; i < nodes; i++) {
            checkId(r, left[i], nodes, false);
            checkId(r, right[i], nodes, false);
            if (cutDim[i] < 0 || cutDim[i] >= dim) {
                throw r.corrupt("tree cut dimension out of range");
            }
        }
    }

    private void checkId(BinaryReader r, int id, int nodes, boolean mayBeNone) {
        boolean ok = (mayBeNone && id == NONE) || (id >= 0 && id < nodes) || (id < 0 && id != NONE && -id - 1 < capacity);
        if (!ok) {
            throw r.corrupt("tree node id " + id + " out of range");
        }
    }

    private static void copyInto(BinaryReader r, int[] from, int[] to) {
        if (from.length != to.length) {
            throw r.corrupt("tree array of " + from.length + " values where " + to.length + " were expected");
        }
        System.arraycopy(from, 0, to, 0, to.length);
    }

    private static void copyInto(BinaryReader r, double[] from, double[] to) {
        if (from.length != to.length) {
            throw r.corrupt("tree array of " + from.length + " values where " + to.length + " were expected");
        }
        System.arraycopy(from, 0, to, 0, to.length);
    }

    /** Uniform draws in [0, 1). */
    interface Uniform {
        double next();
    }
}
