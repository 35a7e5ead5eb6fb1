package io.sentinelrisk.core.judge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The labels the judge learns from, one per row, and where each came from. True labels override
 * pseudo-labels: an analyst's verdict first, then a label column or labels file, then the
 * heuristic rules (then, when retraining, the flags of the model in use); a row none of them labels is {@link #UNKNOWN} and not used for training.
 *
 * @param values  1 = anomaly, 0 = normal, {@link #UNKNOWN}
 * @param sources the source of each row's label (ordinal of {@link Source})
 */
public record JudgeLabels(int[] values, byte[] sources) {
    /** No label. */
    public static final int UNKNOWN = -1;

    /** Where a label came from, strongest first. */
    public enum Source {
        VERDICT("verdicts"), TRUE_LABEL("true_labels"), HEURISTIC("heuristics"),
        /** Retraining only: the flags of the model in use, where nothing else labels a row. */
        CHAMPION("champion_flags"),
        NONE("unlabelled");

        private final String id;

        Source(String id) {
            this.id = id;
        }

        /** The name in reports. */
        public String id() {
            return id;
        }
    }

    public JudgeLabels {
        if (values.length != sources.length) {
            throw new IllegalArgumentException(values.length + " labels, " + sources.length + " sources");
        }
    }

    /**
     * Merges the sources; each array is one value per row (1, 0 or {@link #UNKNOWN}) or null when
     * that source is absent.
     *
     * @param verdicts   analysts' verdicts turned into labels (true positive = 1, false positive or benign = 0)
     * @param truth      true labels from a label column or a labels file
     * @param heuristics pseudo-labels from {@link HeuristicRules#apply}
     */
    public static JudgeLabels merge(int rows, int[] verdicts, int[] truth, int[] heuristics) {
        return merge(rows, verdicts, truth, heuristics, null);
    }

    /**
     * As {@link #merge(int, int[], int[], int[])}, with the weakest source last: {@code champion},
     * the flags of the model in use (retraining labels the rows no other source labels with them,
     * so the autoencoder still learns from ordinary rows), or null.
     */
    public static JudgeLabels merge(int rows, int[] verdicts, int[] truth, int[] heuristics, int[] champion) {
        int[] values = new int[rows];
        byte[] sources = new byte[rows];
        check(verdicts, rows, "verdicts");
        check(truth, rows, "true labels");
        check(heuristics, rows, "heuristic labels");
        check(champion, rows, "champion flags");
        for (int r = 0; r < rows; r++) {
            if (verdicts != null && verdicts[r] != UNKNOWN) {
                values[r] = verdicts[r];
                sources[r] = (byte) Source.VERDICT.ordinal();
            } else if (truth != null && truth[r] != UNKNOWN) {
                values[r] = truth[r];
                sources[r] = (byte) Source.TRUE_LABEL.ordinal();
            } else if (heuristics != null && heuristics[r] != UNKNOWN) {
                values[r] = heuristics[r];
                sources[r] = (byte) Source.HEURISTIC.ordinal();
            } else if (champion != null && champion[r] != UNKNOWN) {
                values[r] = champion[r];
                sources[r] = (byte) Source.CHAMPION.ordinal();
            } else {
                values[r] = UNKNOWN;
                sources[r] = (byte) Source.NONE.ordinal();
            }
        }
        return new JudgeLabels(values, sources);
    }

    private static void check(int[] a, int rows, String what) {
        if (a == null) {
            return;
        }
        if (a.length != rows) {
            throw new IllegalArgumentException(a.length + " " + what + " for " + rows + " rows");
        }
        for (int v : a) {
            if (v != 0 && v != 1 && v != UNKNOWN) {
                throw new IllegalArgumentException(what + " must be 0, 1 or unknown, found " + v);
            }
        }
    }

    /**
     * Keeps a seeded, stratified share {@code fraction} of {@code truth}'s labels and makes the
     * rest {@link #UNKNOWN}: the scarce-label setting (e.g. 1% of the rows reviewed), at least one
     * row of each class present.
     */
    public static int[] sample(int[] truth, double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], found " + fraction);
        }
        int[] out = new int[truth.length];
        java.util.Arrays.fill(out, UNKNOWN);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int cls = 0; cls <= 1; cls++) {
            int count = 0;
            for (int v : truth) {
                count += v == cls ? 1 : 0;
            }
            int keep = count == 0 ? 0 : Math.max(1, (int) Math.round(count * fraction));
            // reservoir-free selection: a seeded partial shuffle of this class's rows
            int[] rows = new int[count];
            int k = 0;
            for (int r = 0; r < truth.length; r++) {
                if (truth[r] == cls) {
                    rows[k++] = r;
                }
            }
            for (int i = 0; i < keep; i++) {
                int j = i + rnd.nextInt(count - i);
                int t = rows[i];
                rows[i] = rows[j];
                rows[j] = t;
                out[rows[i]] = cls;
            }
        }
        return out;
    }

    public int rows() {
        return values.length;
    }

    /** Rows labelled by each source, then anomalies and normal rows among the labelled, for reports. */
    public Map<String, Integer> counts() {
        int[] bySource = new int[Source.values().length];
        int pos = 0;
        int neg = 0;
        for (int r = 0; r < values.length; r++) {
            bySource[sources[r]]++;
            pos += values[r] == 1 ? 1 : 0;
            neg += values[r] == 0 ? 1 : 0;
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Source s : Source.values()) {
            if (s == Source.CHAMPION && bySource[s.ordinal()] == 0) {
                continue;   // only retraining uses it: reports of a pipeline run stay as they were
            }
            out.put(s.id(), bySource[s.ordinal()]);
        }
        out.put("anomalies", pos);
        out.put("normal", neg);
        return out;
    }

    public Source source(int row) {
        return Source.values()[sources[row]];
    }
}
