package io.sentinelrisk.core.prepare;

import io.sentinelrisk.core.data.CategoryCounts;

import java.util.Arrays;

/**
 * The high-cardinality rule shared by preparation and explanations: a categorical column with at
 * most {@link #CAP} distinct training values keeps every one; a column with more keeps only the
 * values seen at least {@code minCount} times, the lowest count that keeps at most {@code CAP}
 * of them, and puts every other value in one "rare" bucket. Each bucketed value was seen fewer
 * than {@code minCount} times, so that is what an explanation can truthfully say of it; the
 * cut never splits values seen equally often (a column of UUIDs buckets all of them).
 *
 * @param minCount    training count a value needs to keep its own entry (1 = no bucketing)
 * @param bucketed    how many distinct values went to the bucket
 * @param bucketRows  training rows holding a bucketed value
 */
public record CategoryBuckets(int minCount, int bucketed, long bucketRows) {
    /** Distinct values a categorical column may keep before rare ones are bucketed. */
    public static final int CAP = 1000;

    public static CategoryBuckets of(CategoryCounts counts) {
        int[] seen = Arrays.stream(counts.counts()).filter(c -> c > 0).toArray();
        if (seen.length <= CAP) {
            return new CategoryBuckets(1, 0, 0);
        }
        Arrays.sort(seen);
        int minCount = seen[seen.length - 1 - CAP] + 1;   // the (CAP+1)-th largest count is cut
        int bucketed = 0;
        long rows = 0;
        for (int c : seen) {
            if (c < minCount) {
                bucketed++;
                rows += c;
            }
        }
        return new CategoryBuckets(minCount, bucketed, rows);
    }

    public boolean keeps(int count) {
        return count >= minCount;
    }

    /** Mean training share of a bucketed value (0 without a bucket): how a bucketed or unseen value is encoded. */
    public double meanBucketShare(long present) {
        return bucketed == 0 || present == 0 ? 0 : (double) bucketRows / bucketed / present;
    }
}
