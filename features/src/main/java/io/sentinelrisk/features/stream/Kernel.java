package io.sentinelrisk.features.stream;

import java.util.HashMap;

/**
 * Incremental state of one aggregate family over a {@link WindowBuffer}'s history: told about each
 * entry that enters ({@link #add}) and leaves ({@link #remove}) the committed part. Every kernel is
 * O(1) amortised per event except quantiles (O(window) for the sorted insert).
 */
abstract class Kernel {
    abstract void add(WindowBuffer b, long seq);

    abstract void remove(WindowBuffer b, long seq);

    /** Non-null values in the history: count of a column, or of events when {@code column < 0}. */
    static final class Count extends Kernel {
        final int column;
        final boolean obj;
        int n;

        Count(int column, boolean obj) {
            this.column = column;
            this.obj = obj;
        }

        private boolean present(WindowBuffer b, long seq) {
            if (column < 0) {
                return true;
            }
            return obj ? b.obj(column, seq) != null : !Double.isNaN(b.num(column, seq));
        }

        void add(WindowBuffer b, long seq) {
            if (present(b, seq)) {
                n++;
            }
        }

        void remove(WindowBuffer b, long seq) {
            if (present(b, seq)) {
                n--;
            }
        }
    }

    /**
     * Count, sum, mean and sample standard deviation of a numeric column. Sums are of values minus
     * a shift near the mean, with Neumaier compensation, so that the variance does not cancel
     * catastrophically; after many removals the sums are rebuilt from the buffer so rounding
     * cannot drift over a long stream.
     */
    static final class Moments extends Kernel {
        final int column;
        int n;
        double shift;
        double s1;
        double c1;
        double s2;
        double c2;
        int removals;

        Moments(int column) {
            this.column = column;
        }

        void add(WindowBuffer b, long seq) {
            double x = b.num(column, seq);
            if (Double.isNaN(x)) {
                return;
            }
            if (n == 0) {
                shift = x;
                s1 = c1 = s2 = c2 = 0;
                removals = 0;
            }
            n++;
            double d = x - shift;
            addS1(d);
            addS2(d * d);
        }

        void remove(WindowBuffer b, long seq) {
            double x = b.num(column, seq);
            if (Double.isNaN(x)) {
                return;
            }
            n--;
            if (n == 0) {
                s1 = c1 = s2 = c2 = 0;
                return;
            }
            double d = x - shift;
            addS1(-d);
            addS2(-(d * d));
            removals++;
        }

        private void addS1(double v) {
            double t = s1 + v;
            c1 += Math.abs(s1) >= Math.abs(v) ? (s1 - t) + v : (v - t) + s1;
            s1 = t;
        }

        private void addS2(double v) {
            double t = s2 + v;
            c2 += Math.abs(s2) >= Math.abs(v) ? (s2 - t) + v : (v - t) + s2;
            s2 = t;
        }

        /** Rebuilds the sums from the buffer's history when removals have piled up. */
        void refresh(WindowBuffer b) {
            if (removals <= 64 + 2 * n) {
                return;
            }
            double mean = mean();
            n = 0;
            for (long s = b.head; s < b.commit; s++) {
                double x = b.num(column, s);
                if (!Double.isNaN(x)) {
                    n++;
                }
            }
            shift = mean;
            s1 = c1 = s2 = c2 = 0;
            for (long s = b.head; s < b.commit; s++) {
                double x = b.num(column, s);
                if (!Double.isNaN(x)) {
                    double d = x - shift;
                    addS1(d);
                    addS2(d * d);
                }
            }
            removals = 0;
        }

        double sum() {
            return n == 0 ? 0.0 : n * shift + (s1 + c1);
        }

        double mean() {
            return n == 0 ? Double.NaN : shift + (s1 + c1) / n;
        }

        double std() {
            if (n < 2) {
                return Double.NaN;
            }
            double a = s1 + c1;
            double var = ((s2 + c2) - a * a / n) / (n - 1);
            return var <= 0 ? 0.0 : Math.sqrt(var);
        }
    }

    /** Sliding minimum or maximum with a monotonic deque of sequence numbers. */
    static final class Extreme extends Kernel {
        final int column;
        final boolean max;
        long[] deque = new long[4];
        int first;
        int size;

        Extreme(int column, boolean max) {
            this.column = column;
            this.max = max;
        }

        void add(WindowBuffer b, long seq) {
            double x = b.num(column, seq);
            if (Double.isNaN(x)) {
                return;
            }
            while (size > 0) {
                double back = b.num(column, deque[(first + size - 1) & (deque.length - 1)]);
                if (max ? back <= x : back >= x) {
                    size--;
                } else {
                    break;
                }
            }
            if (size == deque.length) {
                long[] d = new long[deque.length * 2];
                for (int i = 0; i < size; i++) {
                    d[i] = deque[(first + i) & (deque.length - 1)];
                }
                deque = d;
                first = 0;
            }
            deque[(first + size) & (deque.length - 1)] = seq;
            size++;
        }

        void remove(WindowBuffer b, long seq) {
            if (size > 0 && deque[first] == seq) {
                first = (first + 1) & (deque.length - 1);
                size--;
            }
        }

        double value(WindowBuffer b) {
            return size == 0 ? Double.NaN : b.num(column, deque[first]);
        }
    }

    /**
     * Multiset of keys: distinct count of a column, or (with {@code byColumn}) how many history
     * events carry each key. Numeric keys are boxed Doubles with -0.0 folded into 0.0, as SQL
     * compares them.
     */
    static final class Keys extends Kernel {
        final int keyColumn;
        final boolean keyObj;
        final int presentColumn;
        final boolean presentObj;
        final HashMap<Object, int[]> counts = new HashMap<>();

        /**
         * @param keyColumn     the column holding the key
         * @param presentColumn entries count only where this column is non-null (-1: always)
         */
        Keys(int keyColumn, boolean keyObj, int presentColumn, boolean presentObj) {
            this.keyColumn = keyColumn;
            this.keyObj = keyObj;
            this.presentColumn = presentColumn;
            this.presentObj = presentObj;
        }

        private Object key(WindowBuffer b, long seq) {
            if (presentColumn >= 0) {
                boolean present = presentObj ? b.obj(presentColumn, seq) != null : !Double.isNaN(b.num(presentColumn, seq));
                if (!present) {
                    return null;
                }
            }
            if (keyObj) {
                return b.obj(keyColumn, seq);
            }
            double v = b.num(keyColumn, seq);
            return Double.isNaN(v) ? null : Double.valueOf(v == 0 ? 0.0 : v);
        }

        void add(WindowBuffer b, long seq) {
            Object k = key(b, seq);
            if (k == null) {
                return;
            }
            int[] c = counts.get(k);
            if (c == null) {
                counts.put(k, new int[] {1});
            } else {
                c[0]++;
            }
        }

        void remove(WindowBuffer b, long seq) {
            Object k = key(b, seq);
            if (k == null) {
                return;
            }
            int[] c = counts.get(k);
            if (--c[0] == 0) {
                counts.remove(k);
            }
        }

        int distinct() {
            return counts.size();
        }

        int count(Object key) {
            int[] c = counts.get(key);
            return c == null ? 0 : c[0];
        }
    }

    /** The history's values kept sorted, for quantiles with linear interpolation (SQL percentile_cont). */
    static final class Sorted extends Kernel {
        final int column;
        double[] values = new double[8];
        int n;

        Sorted(int column) {
            this.column = column;
        }

        void add(WindowBuffer b, long seq) {
            double x = b.num(column, seq);
            if (Double.isNaN(x)) {
                return;
            }
            if (n == values.length) {
                values = java.util.Arrays.copyOf(values, n * 2);
            }
            int i = java.util.Arrays.binarySearch(values, 0, n, x);
            if (i < 0) {
                i = -i - 1;
            }
            System.arraycopy(values, i, values, i + 1, n - i);
            values[i] = x;
            n++;
        }

        void remove(WindowBuffer b, long seq) {
            double x = b.num(column, seq);
            if (Double.isNaN(x)) {
                return;
            }
            int i = java.util.Arrays.binarySearch(values, 0, n, x);
            System.arraycopy(values, i + 1, values, i, n - i - 1);
            n--;
        }

        double quantile(double q) {
            if (n == 0) {
                return Double.NaN;
            }
            double pos = (n - 1) * q;
            int lo = (int) Math.floor(pos);
            int hi = (int) Math.ceil(pos);
            if (lo == hi) {
                return values[lo];
            }
            double a = values[lo];
            return a + (pos - lo) * (values[hi] - a);
        }
    }
}
