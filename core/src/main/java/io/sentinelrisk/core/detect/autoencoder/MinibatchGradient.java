package io.sentinelrisk.core.detect.autoencoder;

import io.sentinelrisk.core.util.WorkerTeam;

/**
 * The mean reconstruction loss of a mini-batch and its gradient, computed in fixed blocks of rows
 * whose gradients are then added in block order. The blocks depend only on the batch size, never
 * on the thread count, so the result is bit for bit the same on one thread or many; with more
 * than one thread the blocks of a batch run in parallel on a {@link WorkerTeam} when that is
 * measured to be faster ({@link StepModeChooser}).
 */
final class MinibatchGradient implements AutoCloseable {
    /** Rows per block: enough work per block (≈ 64 × 3 × parameters multiply-adds) to outweigh a hand-off. */
    static final int MIN_BLOCK_ROWS = 64;
    /** At most this many blocks (and gradient buffers) per batch: large batches get larger blocks. */
    static final int MAX_BLOCKS = 16;
    /** A block larger than this runs in chunks of this many rows, bounding the scratch memory. */
    static final int MAX_CHUNK_ROWS = 256;
    /**
     * Below this many multiply-adds per batch (rows × parameters × 3) the blocks run on the
     * caller's thread: waking a helper (a few µs) would cost about as much as it saves.
     */
    private static final long MIN_PARALLEL_WORK = 200_000;

    private final Mlp net;
    private final int blockRows;
    private final int chunkRows;
    /** Scratch buffers of each worker (index 0: the caller's), and a gradient for a block's later chunks. */
    private final Backprop[] workspaces;
    private final double[][] chunkGrad;
    /** Each block's squared error and gradient, added in block order once all are done. */
    private final double[] blockLoss;
    private final double[][] blockGrad;
    private final WorkerTeam team;
    private final StepModeChooser mode = new StepModeChooser();

    // the current batch, set by compute() before the blocks run (the team's hand-off publishes them)
    private double[] p;
    private double[] x;
    private int[] rows;
    private int from;
    private int to;
    private double scale;

    MinibatchGradient(Mlp net, int batchSize, int threads) {
        this.net = net;
        this.blockRows = blockRows(batchSize);
        int count = (batchSize + blockRows - 1) / blockRows;
        blockLoss = new double[count];
        blockGrad = new double[count][net.parameterCount];
        int workers = Math.max(1, Math.min(threads, count));
        this.chunkRows = Math.min(blockRows, MAX_CHUNK_ROWS);
        workspaces = new Backprop[workers];
        chunkGrad = new double[workers][];
        for (int k = 0; k < workers; k++) {
            workspaces[k] = new Backprop(net, chunkRows);
            chunkGrad[k] = chunkRows < blockRows ? new double[net.parameterCount] : null;
        }
        team = workers > 1 ? new WorkerTeam(workers, "sentinel-autoencoder") : null;
    }

    /** Rows per block for a batch size; a function of the batch size alone. */
    static int blockRows(int batchSize) {
        return Math.max(MIN_BLOCK_ROWS, (batchSize + MAX_BLOCKS - 1) / MAX_BLOCKS);
    }

    /**
     * The mean over rows {@code rows[from..to)} and features of the squared reconstruction error
     * with parameters {@code p}; its gradient goes into {@code grad} (overwritten).
     */
    double compute(double[] p, double[] x, int[] rows, int from, int to, double[] grad) {
        int n = to - from;
        if (n > blockRows * blockGrad.length) {
            throw new IllegalArgumentException(n + " rows exceed the batch size");
        }
        double denominator = (double) n * net.inputs();
        this.p = p;
        this.x = x;
        this.rows = rows;
        this.from = from;
        this.to = to;
        this.scale = 2.0 / denominator;
        int used = (n + blockRows - 1) / blockRows;
        if (team != null && used > 1 && (long) n * net.parameterCount * 3 >= MIN_PARALLEL_WORK) {
            boolean onTeam = mode.useTeam();
            long start = System.nanoTime();
            if (onTeam) {
                team.run(used, this::block);
            } else {
                for (int k = 0; k < used; k++) {
                    block(k, 0);
                }
            }
            mode.record(onTeam, System.nanoTime() - start, n);
        } else {
            for (int k = 0; k < used; k++) {
                block(k, 0);
            }
        }
        System.arraycopy(blockGrad[0], 0, grad, 0, grad.length);
        double loss = blockLoss[0];
        for (int k = 1; k < used; k++) {
            double[] g = blockGrad[k];
            for (int i = 0; i < grad.length; i++) {
                grad[i] += g[i];
            }
            loss += blockLoss[k];
        }
        return loss / denominator;
    }

    private void block(int k, int worker) {
        int start = from + k * blockRows;
        int end = Math.min(to, start + blockRows);
        Backprop b = workspaces[worker];
        int chunkEnd = Math.min(end, start + chunkRows);
        double loss = b.lossAndGradient(p, x, rows, start, chunkEnd, scale, blockGrad[k]);
        // a block of more rows than a workspace holds: its later chunks are added in row order
        for (int c = chunkEnd; c < end; c += chunkRows) {
            double[] g = chunkGrad[worker];
            loss += b.lossAndGradient(p, x, rows, c, Math.min(end, c + chunkRows), scale, g);
            double[] sum = blockGrad[k];
            for (int i = 0; i < sum.length; i++) {
                sum[i] += g[i];
            }
        }
        blockLoss[k] = loss;
    }

    /** Mean over rows and features of the squared reconstruction error of {@code rows}, on this thread. */
    double meanError(double[] p, double[] x, int[] rows) {
        double sum = 0;
        for (int start = 0; start < rows.length; start += chunkRows) {
            int end = Math.min(rows.length, start + chunkRows);
            ForwardBlock b = workspaces[0].forward(p, x, rows, start, end);
            for (int r = 0; r < end - start; r++) {
                sum += b.rowSquaredError(r) / net.inputs();
            }
        }
        return sum / rows.length;
    }

    @Override
    public void close() {
        if (team != null) {
            team.close();
        }
    }
}
