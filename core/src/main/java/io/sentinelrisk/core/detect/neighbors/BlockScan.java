package io.sentinelrisk.core.detect.neighbors;

import io.sentinelrisk.core.util.Parallel;

/**
 * Exact nearest neighbours by comparing a query with every reference point, for many features,
 * where a k-d tree prunes little. The reference points are kept column by column in blocks of
 * {@value #BLOCK} ({@link ColumnScan}); queries are scanned in batches, block by block, so a
 * block is read from memory once per batch and stays in cache while the batch uses it, and two
 * queries share each pass over a block.
 */
public final class BlockScan extends NeighborIndex {
    /** Reference points per block: one block of 36 features is 72 KB, within a core's L2 cache. */
    static final int BLOCK = 256;
    /** Queries scanned together against each block. */
    static final int QUERY_BATCH = 32;

    /** The reference points as given (row-major); shared, never modified. */
    private final double[] points;
    /** Block b holds points [b·BLOCK, min(n, (b+1)·BLOCK)); its feature j is {@code columns[b·d + j]}. */
    private final double[][] columns;

    /**
     * Indexes the {@code n × d} row-major reference points. The index keeps a reference to
     * {@code points}: the caller must never modify them afterwards.
     */
    public BlockScan(double[] points, int n, int d, Metric metric) {
        super(n, d, metric);
        this.points = points;
        this.columns = new double[blocks() * d][];
        for (int b = 0; b < blocks(); b++) {
            System.arraycopy(ColumnScan.pack(points, d, null, b * BLOCK, blockLength(b)), 0, columns, b * d, d);
        }
    }

    private int blocks() {
        return (n + BLOCK - 1) / BLOCK;
    }

    private int blockLength(int b) {
        return Math.min(BLOCK, n - b * BLOCK);
    }

    @Override
    public NeighborQuery newQuery(int k) {
        return new NeighborQuery(k, BLOCK);
    }

    @Override
    public void search(double[] q, int qOff, int k, int exclude, NeighborQuery query) {
        query.reset(k);
        for (int b = 0; b < blocks(); b++) {
            int len = blockLength(b);
            ColumnScan.rawDistances(metric, columns, b * d, len, d, q, qOff, query.acc);
            query.offerBlock(len, null, b * BLOCK, exclude);
        }
        query.finish(metric);
    }

    @Override
    public void searchEach(double[] data, int rows, int k, int threads, NeighborSink sink) {
        int batches = (rows + QUERY_BATCH - 1) / QUERY_BATCH;
        Parallel.forRange(batches, threads, 1, (fromBatch, toBatch) -> {
            NeighborQuery[] queries = new NeighborQuery[QUERY_BATCH];
            for (int i = 0; i < QUERY_BATCH; i++) {
                queries[i] = newQuery(k);
            }
            for (int batch = fromBatch; batch < toBatch; batch++) {
                int first = batch * QUERY_BATCH;
                int count = Math.min(QUERY_BATCH, rows - first);
                for (int i = 0; i < count; i++) {
                    queries[i].reset(k);
                }
                for (int b = 0; b < blocks(); b++) {
                    int len = blockLength(b);
                    int i = 0;
                    for (; i + 2 <= count; i += 2) {
                        NeighborQuery q1 = queries[i];
                        NeighborQuery q2 = queries[i + 1];
                        ColumnScan.rawDistances2(metric, columns, b * d, len, d,
                                data, (first + i) * d, data, (first + i + 1) * d, q1.acc, q2.acc);
                        q1.offerBlock(len, null, b * BLOCK, -1);
                        q2.offerBlock(len, null, b * BLOCK, -1);
                    }
                    if (i < count) {
                        ColumnScan.rawDistances(metric, columns, b * d, len, d, data, (first + i) * d, queries[i].acc);
                        queries[i].offerBlock(len, null, b * BLOCK, -1);
                    }
                }
                for (int i = 0; i < count; i++) {
                    queries[i].finish(metric);
                    sink.accept(first + i, queries[i]);
                }
            }
        });
    }

    /**
     * {@inheritDoc} Every distance is computed once, for both of its points: the blocks are
     * compared pairwise, tile by tile, and each tile offers its distances to the heaps of both
     * blocks' points, which live in {@code dist}/{@code idx} themselves. Tiles that run at the
     * same time never share a block (a round-robin schedule), so no heap is touched by two
     * threads; and since a heap keeps the same k whatever order it is offered candidates in, the
     * result does not depend on the thread count.
     */
    @Override
    public void allNeighbors(int k, int threads, double[] dist, int[] idx) {
        if (k > n - 1) {
            throw new IllegalArgumentException(k + " neighbours asked of " + n + " points");
        }
        int[] sizes = new int[n];
        double[] bars = new double[n];
        java.util.Arrays.fill(bars, Double.POSITIVE_INFINITY);
        int blocks = blocks();
        Parallel.forRange(blocks, threads, 1, (from, to) -> {
            Tiles tiles = new Tiles(k, dist, idx, sizes, bars);
            for (int b = from; b < to; b++) {
                tiles.compare(b, b);
            }
        });
        int slots = blocks + (blocks & 1);
        for (int round = 0; round < slots - 1; round++) {
            int[][] pairs = roundRobin(slots, round, blocks);
            Parallel.forRange(pairs.length, threads, 1, (from, to) -> {
                Tiles tiles = new Tiles(k, dist, idx, sizes, bars);
                for (int p = from; p < to; p++) {
                    tiles.compare(pairs[p][0], pairs[p][1]);
                }
            });
        }
        Parallel.forRange(n, threads, 1024, (from, to) -> {
            for (int i = from; i < to; i++) {
                KHeap.sortAscending(dist, idx, i * k, sizes[i], metric);
            }
        });
    }

    /**
     * Round {@code round} of the circle method over {@code slots} (even) slots: slot 0 stays, the
     * others turn by one each round, and slot s meets slot {@code slots-1-s}; over all rounds
     * every two slots meet once. Pairs with a slot past {@code blocks} are left out.
     */
    static int[][] roundRobin(int slots, int round, int blocks) {
        java.util.List<int[]> pairs = new java.util.ArrayList<>();
        for (int s = 0; s < slots / 2; s++) {
            int a = slotAt(s, round, slots);
            int b = slotAt(slots - 1 - s, round, slots);
            if (a < blocks && b < blocks) {
                pairs.add(new int[] {Math.min(a, b), Math.max(a, b)});
            }
        }
        return pairs.toArray(new int[0][]);
    }

    private static int slotAt(int position, int round, int slots) {
        return position == 0 ? 0 : 1 + (position - 1 + round) % (slots - 1);
    }

    /** One thread's comparison of block pairs, offering into the shared heaps. */
    private final class Tiles {
        private final int k;
        private final double[] dist;
        private final int[] idx;
        private final int[] sizes;
        /** Per point, the raw distance a candidate must not exceed (its heap's worst once full). */
        private final double[] bars;
        private final double[] acc = new double[BLOCK];
        private final double[] acc2 = new double[BLOCK];

        Tiles(int k, double[] dist, int[] idx, int[] sizes, double[] bars) {
            this.k = k;
            this.dist = dist;
            this.idx = idx;
            this.sizes = sizes;
            this.bars = bars;
        }

        /** Every point of block {@code a} against every point of block {@code b >= a}. */
        void compare(int a, int b) {
            int lenA = blockLength(a);
            int lenB = blockLength(b);
            int i = 0;
            for (; i + 2 <= lenA; i += 2) {
                int row = a * BLOCK + i;
                ColumnScan.rawDistances2(metric, columns, b * d, lenB, d, points, row * d, points, (row + 1) * d, acc, acc2);
                offerRow(row, acc, b, lenB, a != b);
                offerRow(row + 1, acc2, b, lenB, a != b);
            }
            if (i < lenA) {
                int row = a * BLOCK + i;
                ColumnScan.rawDistances(metric, columns, b * d, lenB, d, points, row * d, acc);
                offerRow(row, acc, b, lenB, a != b);
            }
        }

        /**
         * Offers {@code row}'s distances to block {@code b}'s points to {@code row}'s heap and,
         * off the diagonal ({@code both}), each distance to that point's heap too. On the
         * diagonal the tile holds both directions of every pair, and a point is not its own
         * neighbour.
         */
        private void offerRow(int row, double[] raw, int b, int len, boolean both) {
            int first = b * BLOCK;
            double bar = bars[row];
            for (int r = 0; r < len; r++) {
                double v = raw[r];
                if (v <= bar && first + r != row) {
                    offer(row, v, first + r);
                    bar = bars[row];
                }
                if (both && v <= bars[first + r]) {
                    offer(first + r, v, row);
                }
            }
        }

        private void offer(int row, double r, int ref) {
            int size = KHeap.offer(dist, idx, row * k, sizes[row], k, r, ref);
            sizes[row] = size;
            if (size == k) {
                bars[row] = dist[row * k];
            }
        }
    }
}
