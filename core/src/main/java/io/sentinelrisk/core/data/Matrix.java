package io.sentinelrisk.core.data;

/**
 * A dense row-major matrix of doubles: the prepared features that detectors read. Row {@code i},
 * column {@code j} is {@code data[i * cols + j]}.
 */
public record Matrix(int rows, int cols, double[] data) {
    public Matrix {
        if (rows < 0 || cols < 0 || (long) rows * cols != data.length) {
            throw new IllegalArgumentException("matrix " + rows + "x" + cols + " does not fit " + data.length + " values");
        }
    }

    public static Matrix zeros(int rows, int cols) {
        return new Matrix(rows, cols, new double[Math.multiplyExact(rows, cols)]);
    }

    public double get(int row, int col) {
        return data[row * cols + col];
    }

    /** Copies row {@code row} into {@code dst} (length ≥ cols) and returns it. */
    public double[] row(int row, double[] dst) {
        System.arraycopy(data, row * cols, dst, 0, cols);
        return dst;
    }

    /** A copy of the rows at the given indices, in that order. */
    public Matrix selectRows(int[] indices) {
        double[] out = new double[indices.length * cols];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(data, indices[i] * cols, out, i * cols, cols);
        }
        return new Matrix(indices.length, cols, out);
    }
}
