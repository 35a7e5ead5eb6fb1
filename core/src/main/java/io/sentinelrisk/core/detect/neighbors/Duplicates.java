package io.sentinelrisk.core.detect.neighbors;

import java.util.Locale;

/**
 * How the neighbour detectors treat training rows that are exact copies of each other.
 *
 * <ul>
 *   <li>{@link #WEIGHTED}: Breunig et al.'s rule for duplicates in the LOF paper. A row's
 *   neighbourhood reaches out to its k nearest <em>other distinct</em> rows (the
 *   k-distinct-distance), so copies never shrink it to zero; every object inside it then counts
 *   with its multiplicity, its own copies included. How many copies a row has still says how dense
 *   its place is, without the zero-distance ties of {@link #KEEP}.</li>
 *   <li>{@link #DISTINCT}: the reference set is the distinct rows, each counted once: every score
 *   is the one the de-duplicated data would give, and how many copies a row has says nothing.</li>
 *   <li>{@link #KEEP}: every copy is a neighbour (scikit-learn's and PyOD's behaviour). A row with
 *   k or more copies scores 0 (kNN) or about 1 (LOF), whatever it is.</li>
 * </ul>
 * On data without copies all three give the same results, to the bit.
 */
public enum Duplicates {
    WEIGHTED, DISTINCT, KEEP;

    /** True when the reference points are the distinct rows (every rule but {@link #KEEP}). */
    public boolean collapses() {
        return this != KEEP;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Duplicates byConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The config's description of the choice, shared by kNN and LOF. */
    public static String describe(String keepNote) {
        return "weighted: a row's neighbourhood reaches its k nearest other distinct rows and every row inside it "
                + "counts with its copies, its own included (the LOF paper's k-distinct-distance with multiplicities); "
                + "distinct: copies of a training row are one reference point, so every score is the de-duplicated "
                + "data's; keep: every copy is a neighbour, as " + keepNote;
    }
}
