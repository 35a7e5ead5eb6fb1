package io.sentinelrisk.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file written as it streams by, whose data is handed to the disk every {@link #STEP_BYTES} on
 * a thread of its own ({@code fdatasync}) while the writing goes on.
 *
 * <p>Why: an output that replaces an existing file is renamed over it, and ext4 writes the new
 * file's data out at that rename before it returns (its "replace by rename" safeguard,
 * auto_da_alloc): for a 148 MB scorecard that held the end of a run 130-210 ms, waiting for the
 * device with nothing left to overlap. Written back in steps while the run scores, only the last
 * step is left for the rename. {@link AtomicFile} uses it only to replace an existing file: a new
 * one is renamed into place without that wait. The bytes written are the same.
 */
final class WritebackStream extends OutputStream {
    /** Data written between two hand-overs to the disk. */
    static final long STEP_BYTES = 16L << 20;

    private final FileChannel channel;
    private final long step;
    private long written;
    private long handedOver;
    private int handOvers;
    private Thread syncing;
    private volatile IOException failure;

    private WritebackStream(FileChannel channel, long step) {
        this.channel = channel;
        this.step = step;
    }

    /** Opens {@code file}, which exists (just created, empty), for writing from its start. */
    static WritebackStream open(Path file) throws IOException {
        return open(file, STEP_BYTES);
    }

    /** {@link #open(Path)} handing the data to the disk every {@code step} bytes. */
    static WritebackStream open(Path file, long step) throws IOException {
        return new WritebackStream(FileChannel.open(file, StandardOpenOption.WRITE), step);
    }

    /** Hand-overs to the disk started so far (for tests). */
    int handOvers() {
        return handOvers;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        written += len;
        if (written - handedOver >= step && (syncing == null || !syncing.isAlive())) {
            rethrow();
            handedOver = written;
            handOvers++;
            syncing = Thread.ofPlatform().daemon().name("sentinel-sync").start(this::sync);
        }
    }

    /** Hands what was written so far to the disk; a failure is thrown by the next write or the close. */
    private void sync() {
        try {
            channel.force(false);
        } catch (IOException e) {
            failure = e;
        }
    }

    private void rethrow() throws IOException {
        IOException e = failure;
        if (e != null) {
            throw e;
        }
    }

    /** Waits for a hand-over in progress (its failure is the close's), hands over the rest, then closes the file. */
    @Override
    public void close() throws IOException {
        try {
            if (syncing != null) {
                boolean interrupted = false;
                while (true) {
                    try {
                        syncing.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            rethrow();
            if (written > handedOver) {
                // the last step too: the rename that follows would otherwise wait for it, on
                // whichever thread commits (AtomicFile.Pending#seal runs this one beside the run)
                channel.force(false);
                handedOver = written;
            }
        } finally {
            channel.close();
        }
    }
}
