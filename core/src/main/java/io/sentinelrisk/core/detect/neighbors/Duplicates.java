package io.sentinelrisk.core.detect.neighbors;

import java.util.Locale;

/**
 * How the neighbour detectors treat training rows that are exact copies of each other.
 *
 * <ul>
 *   <li>{@link #WEIGHTED}: Breunig et al.'s rule for duplicates in the LOF paper. A row's
 *   neighbourhood reaches out to its k nearest <em>other distinct</em> rows (the
 *   k-distinct-distance), so copies never shrink it to zero. kNN's {@code mean} and {@code median}
 *   then count every row inside it with its copies, the row's own included. LOF computes densities
 *   over the k distinct neighbours each once, as {@link #DISTINCT} does, and counts only the row's
 *   own copies again: they sit at its place with its density, so each adds a density ratio of 1 and
 *   a row with m copies scores {@code (k × LOF + m - 1) / (k + m - 1)}. Counting the neighbours'
 *   copies too, as a plain object-by-object reading of the paper would, lets one heavily repeated
 *   row dominate the density ratios of every row around it: on breastw that cost 0.09 ROC AUC
 *   against {@link #DISTINCT} (docs/detectors.md).</li>
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

    /** The config's description of the choice; {@code weightedNote} says what a row's copies do for this detector. */
    public static String describe(String weightedNote, String keepNote) {
        return "weighted: a row's neighbourhood reaches its k nearest other distinct rows (the LOF paper's "
                + "k-distinct-distance), and " + weightedNote + "; distinct: copies of a training row are one reference "
                + "point, so every score is the de-duplicated data's; keep: every copy is a neighbour, as " + keepNote;
    }
}
