package io.sentinelrisk.core.ingest;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.pipeline.ColumnRoles;

import java.util.ArrayList;
import java.util.List;

/**
 * The blocks of a first pass over an input, kept for a second pass while they fit in a byte
 * budget, so that an input read twice (to fit on a sample, then to score every row) is read and
 * parsed once when it is small enough. Once a block would pass the budget every block is let go
 * and none is kept after: the second pass then reads the file again, and memory stays bounded
 * whatever the file's size.
 *
 * <p>A block is held as parsed: its columns' own arrays, handed out again as they are. (Numbers
 * that are exactly floats were once held as floats, in half the room; narrowing them and widening
 * them back allocated one and a half times their doubles, on a cover {@code train} 34 MB, a third
 * of its young generation, to save 11 MB that a collection might copy.) Line numbers that follow
 * one another, as in a file without blank lines or quoted line breaks, are held as the first
 * alone.
 */
public final class KeptBlocks {
    /** Bytes a dictionary entry of a categorical column is counted for, on top of its characters. */
    private static final int ENTRY_BYTES = 56;

    private final long budget;
    private final List<Kept> blocks = new ArrayList<>();
    private long bytes;
    private boolean overflowed;
    private boolean labelled;

    /** A block as kept: its frame, labels (or null), and line numbers (null: they run on from {@code firstLine}). */
    private record Kept(String source, Frame frame, int rows, int[] labels, long firstLine, long[] lines) {
    }

    /** @param budget the most bytes of values kept; 0 keeps nothing */
    public KeptBlocks(long budget) {
        this.budget = Math.max(0, budget);
    }

    /** Offers the next block of the first pass (blocks in input order). */
    public void add(Dataset block) {
        if (overflowed) {
            return;
        }
        Frame frame = block.frame();
        long[] lines = block.lineNumbers();
        boolean consecutive = runsOn(lines);
        long size = bytesOf(frame, block.labels(), consecutive);
        if (bytes + size > budget) {
            overflowed = true;
            blocks.clear();   // let them go: the second pass reads the file
            bytes = 0;
            return;
        }
        bytes += size;
        labelled = block.labels() != null;
        blocks.add(new Kept(block.source(), frame, frame.rows(), block.labels(), lines.length == 0 ? 0 : lines[0],
                consecutive ? null : lines));
    }

    /** Whether every block offered is kept: the input need not be read again. */
    public boolean complete() {
        return !overflowed;
    }

    /** Bytes of values held. */
    public long bytes() {
        return bytes;
    }

    /** The kept blocks' frames, in input order, as the first pass read them; empty when not every block was kept. */
    public List<Frame> frames() {
        if (overflowed) {
            return List.of();
        }
        List<Frame> frames = new ArrayList<>(blocks.size());
        for (Kept k : blocks) {
            frames.add(k.frame());
        }
        return frames;
    }

    /**
     * The kept blocks as a model reads them ({@code expected}: its input schema): the roles it was
     * trained with ({@link ColumnRoles#asTrained}), as {@link DatasetBlocks} reading the file for
     * it would give them; each block is let go once handed out. Null when not every block was kept,
     * or when a column was read with another type than the model's (the file must then be read
     * again with the model's types).
     */
    public BlockSource replay(Schema expected) {
        if (overflowed || !sameTypes(expected)) {
            return null;
        }
        List<Kept> queue = new ArrayList<>(blocks);
        blocks.clear();
        boolean hasLabels = labelled;
        return new BlockSource() {
            private int next;

            @Override
            public Dataset next() {
                if (next == queue.size()) {
                    return null;
                }
                Kept k = queue.set(next++, null);
                long[] lines = k.lines() != null ? k.lines() : runningFrom(k.firstLine(), k.rows());
                return new Dataset(k.source(), ColumnRoles.asTrained(k.frame(), expected), k.labels(), lines);
            }

            @Override
            public boolean labelled() {
                return hasLabels;
            }

            @Override
            public void close() {
                queue.clear();
            }
        };
    }

    /** Whether each column the model knows was read with the model's type (blocks share the first block's types). */
    private boolean sameTypes(Schema expected) {
        if (blocks.isEmpty()) {
            return true;
        }
        for (Field f : blocks.get(0).frame().schema().fields()) {
            int i = expected.indexOf(f.name());
            if (i >= 0 && expected.field(i).type() != f.type()) {
                return false;
            }
        }
        return true;
    }

    private static boolean runsOn(long[] lines) {
        for (int r = 1; r < lines.length; r++) {
            if (lines[r] != lines[0] + r) {
                return false;
            }
        }
        return true;
    }

    private static long[] runningFrom(long first, int rows) {
        long[] lines = new long[rows];
        for (int r = 0; r < rows; r++) {
            lines[r] = first + r;
        }
        return lines;
    }

    /** What a block holds in bytes: its values, labels and (unless they run on) line numbers. */
    private static long bytesOf(Frame frame, int[] labels, boolean consecutiveLines) {
        long rows = frame.rows();
        long size = (labels == null ? 0 : 4 * rows) + (consecutiveLines ? 0 : 8 * rows);
        for (Column column : frame.columns()) {
            size += switch (column) {
                case Column.Numeric ignored -> 8 * rows;
                case Column.Timestamp ignored -> 8 * rows;
                case Column.Categorical k -> 4 * rows + dictionaryBytes(k.dictionary());
            };
        }
        return size;
    }

    private static long dictionaryBytes(List<String> dictionary) {
        long size = 0;
        for (String s : dictionary) {
            size += ENTRY_BYTES + s.length();
        }
        return size;
    }
}
