package io.sentinelrisk.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The names closest to a misspelt one, by edit distance with transpositions (optimal string
 * alignment): 'trian' is one edit from 'train'. Picocli's own suggestions rank by shared letter
 * pairs, which puts 'drift' before 'train' for 'trian'; this ranks them as a typist would.
 */
final class Suggestions {
    private Suggestions() {
    }

    /** Up to {@code max} names within a few edits of {@code typed}, closest first, ties in the given order. */
    static List<String> closest(String typed, Collection<String> names, int max) {
        String word = strip(typed);
        int limit = Math.max(1, Math.min(3, word.length() / 3 + 1));
        return names.stream()
                .filter(n -> distance(word, strip(n)) <= limit)
                .sorted(Comparator.comparingInt(n -> distance(word, strip(n))))
                .limit(max)
                .toList();
    }

    private static String strip(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        int eq = s.indexOf('=');
        return s.substring(i, eq > i ? eq : s.length()).toLowerCase(java.util.Locale.ROOT);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
