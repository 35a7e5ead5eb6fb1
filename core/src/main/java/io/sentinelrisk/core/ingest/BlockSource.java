package io.sentinelrisk.core.ingest;

/**
 * An input handed out block by block, in input order: a file read as it goes
 * ({@link DatasetBlocks}) or the blocks a first pass kept ({@link KeptBlocks}).
 */
public interface BlockSource extends AutoCloseable {
    /** The next block, or null after the last. */
    Dataset next();

    /** Whether the data holds the label column (then every block has labels). */
    boolean labelled();

    @Override
    void close();
}
