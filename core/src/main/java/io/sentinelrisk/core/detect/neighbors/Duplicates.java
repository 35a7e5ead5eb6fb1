package io.sentinelrisk.core.detect.neighbors;

import java.util.Locale;

/**
 * How the neighbour detectors treat training rows that are exact copies of each other.
 *
 * <ul>
 *   <li>{@link #DISTINCT}: the reference set is the distinct rows (the k-distinct-distance of
 *   Breunig et al.'s LOF paper). A row's neighbours are k other distinct rows, so copies of a row
 *   never fill its neighbourhood with zero distances, and every score is the one the de-duplicated
 *   data would give. On data without copies, the same results as {@link #KEEP}, to the bit.</li>
 *   <li>{@link #KEEP}: every copy is a neighbour (scikit-learn's and PyOD's behaviour). A row with
 *   k or more copies scores 0 (kNN) or about 1 (LOF), whatever it is.</li>
 * </ul>
 */
public enum Duplicates {
    DISTINCT, KEEP;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Duplicates byConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
