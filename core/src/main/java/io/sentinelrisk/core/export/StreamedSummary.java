package io.sentinelrisk.core.export;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.metrics.LabelledMetrics;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredBatch;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the summary report needs of an input scored block by block, gathered as the blocks go
 * by: rows, counts per severity, anomalies, alerts and cost per business category, and the data profile in bounded memory
 * ({@link DataProfile.Accumulator}). With labels, the metrics (ROC AUC, average precision, ...)
 * rank every record, so then each record's score, flag and label are kept: 13 bytes a row, as the
 * blocks' own arrays (not copied into growing ones, which cost as much again in copies and
 * garbage), joined once for the report.
 *
 * <p>The data profile is fed apart from the scores ({@link #profile}, {@link #closeProfile}), so
 * that the thread that reads the blocks can build it while another scores them; it is built only
 * when asked for (a report file), since nothing else shows it.
 */
public final class StreamedSummary {
    private final DataProfile.Accumulator profile;
    private final long[] severity = new long[Severity.values().length];
    private final boolean labelled;
    private Frame profileShape;
    private Map<String, ColumnProfile> profiled;
    private BusinessSummary.Accumulator business;
    private final SummaryReport.TopEntities.Accumulator entities = new SummaryReport.TopEntities.Accumulator();
    private long rows;
    private long anomalies;
    private final List<double[]> scores = new ArrayList<>();
    private final List<boolean[]> flags = new ArrayList<>();
    private final List<int[]> labels = new ArrayList<>();
    private int[] fileLabels;

    /**
     * @param labelled whether the input has labels (a label column: every block brings its
     *                 labels; a label file: {@link #labels} gives them at the end)
     * @param profile  whether to build the data profile (else the report's is empty)
     */
    public StreamedSummary(boolean labelled, boolean profile) {
        this.labelled = labelled;
        this.profile = profile ? new DataProfile.Accumulator() : null;
    }

    /**
     * Adds a block to the data profile (nothing when it is not built). The blocks must come one
     * at a time, in input order, from one thread at a time, which may be another than the one
     * that {@link #add}s them; then {@link #closeProfile} on that thread before the
     * {@link #report} (a hand-over such as a {@code Future}'s result between the two).
     */
    public void profile(Frame block) {
        if (profile != null) {
            if (profileShape == null) {
                profileShape = block.selectRows(new int[0]);
            }
            profile.add(block);
        }
    }

    /** Builds the data profile of the blocks {@link #profile}d, once the last has come. */
    public void closeProfile() {
        if (profiled == null) {
            profiled = profile == null || profileShape == null ? Map.of() : profile.result(profileShape);
        }
    }

    /**
     * Adds a scored block (in input order). With labels, its score, flag and label arrays are
     * kept as they are: they must not change afterwards.
     */
    public void add(ScoredData block) {
        ScoredBatch s = block.scores();
        long[] c = s.severityCounts();
        for (int i = 0; i < c.length; i++) {
            severity[i] += c[i];
        }
        anomalies += s.anomalyCount();
        if (business == null && block.pipeline().mapping().isPresent()) {
            business = new BusinessSummary.Accumulator(block.pipeline().mapping().get());
        }
        if (business != null) {
            business.add(block);
        }
        entities.add(block, rows);
        if (labelled) {
            Math.toIntExact(rows + s.rows());   // the metrics rank at most 2^31 - 1 rows in arrays
            scores.add(s.score());
            flags.add(s.isAnomaly());
            if (block.labels() != null) {
                labels.add(block.labels());
            }
        }
        rows += s.rows();
    }

    /** Labels from a separate file, one per row added (read once the row count is known). */
    public void labels(int[] all) {
        if (!labelled || all.length != rows) {
            throw new IllegalStateException(all.length + " labels for " + rows + " rows (labelled: " + labelled + ")");
        }
        fileLabels = all;
    }

    public long rows() {
        return rows;
    }

    /** The report; {@code model} is the bundle's path. The data profile must be {@link #closeProfile closed}. */
    public SummaryReport report(String command, String source, String model, Pipeline pipeline, Map<String, ?> timings) {
        LabelledMetrics metrics = null;
        if (labelled && rows > 0) {
            int n = (int) rows;
            metrics = LabelledMetrics.of(joined(scores, new double[n]), joined(flags, new boolean[n]),
                    fileLabels != null ? fileLabels.clone() : joined(labels, new int[n]));
        }
        BusinessSummary mapped = business != null ? business.result()
                : pipeline.mapping().map(m -> new BusinessSummary.Accumulator(m).result()).orElse(null);
        return SummaryReport.of(command, source, model, pipeline, rows, severity.clone(), anomalies, metrics, mapped,
                entities.result(pipeline), profileOrFail(), timings);
    }

    private Map<String, ColumnProfile> profileOrFail() {
        if (profiled == null) {
            throw new IllegalStateException("the data profile was not closed");
        }
        return profiled;
    }

    /** The blocks' values one after the other in {@code out} (a primitive array as long as they are together). */
    private static <A> A joined(List<A> blocks, A out) {
        int at = 0;
        for (A b : blocks) {
            int length = Array.getLength(b);
            System.arraycopy(b, 0, out, at, length);
            at += length;
        }
        return out;
    }
}
