package io.sentinelrisk.server.api;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer that a request thread keeps for its answers: {@code POST /v1/score}
 * writes its JSON answer here and then straight to the response, with its length. Writing each
 * answer into fresh arrays (the generator's builder, its copy, then Javalin's 32 KB copy buffer:
 * about 0.5 MB per batch of 100) was a fifth of the bytes the route allocated, and so a fifth of
 * its young collections. Not thread-safe: one per thread ({@link #forThisThread}), used by one
 * request at a time.
 */
public final class AnswerBuffer extends OutputStream {
    /** A buffer grown past this (a batch of thousands of records) is dropped after its request, not kept. */
    static final int KEPT_AT_MOST = 1 << 20;
    private static final ThreadLocal<AnswerBuffer> OF_THREAD = ThreadLocal.withInitial(AnswerBuffer::new);

    private byte[] bytes = new byte[16 * 1024];
    private int count;

    /** This thread's buffer, emptied. */
    public static AnswerBuffer forThisThread() {
        AnswerBuffer b = OF_THREAD.get();
        b.count = 0;
        return b;
    }

    /** Done with this buffer: one grown past {@link #KEPT_AT_MOST} goes, so a huge answer does not stay on the thread. */
    public void release() {
        if (bytes.length > KEPT_AT_MOST) {
            OF_THREAD.remove();
        }
    }

    @Override
    public void write(int b) {
        ensure(count + 1);
        bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(count + len);
        System.arraycopy(b, off, bytes, count, len);
        count += len;
    }

    private void ensure(int needed) {
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }

    /** The bytes written (the array is the buffer itself: read it before the next answer). */
    public byte[] array() {
        return bytes;
    }

    public int size() {
        return count;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, count);
    }
}
