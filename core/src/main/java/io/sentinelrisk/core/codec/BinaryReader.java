package io.sentinelrisk.core.codec;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads a part written by {@link BinaryWriter}. Any malformed content (wrong magic, unknown
 * version, truncation, absurd lengths) is an {@link InputException} naming the part.
 */
public final class BinaryReader {
    private final ByteBuffer in;
    private final String partName;
    private final int version;

    /**
     * Opens a part, checking its magic and that its version is at most {@code maxVersion}.
     */
    public BinaryReader(byte[] bytes, String partName, String magic, int maxVersion) {
        this.in = ByteBuffer.wrap(bytes);
        this.partName = partName;
        byte[] m = new byte[4];
        try {
            in.get(m);
            this.version = in.getInt();
        } catch (BufferUnderflowException e) {
            throw corrupt("too short");
        }
        if (!magic.equals(new String(m, StandardCharsets.US_ASCII))) {
            throw corrupt("expected a '" + magic + "' part");
        }
        if (version < 1 || version > maxVersion) {
            throw corrupt("format version " + version + " is not supported (this build reads up to " + maxVersion + ")");
        }
    }

    public int version() {
        return version;
    }

    public int readInt() {
        try {
            return in.getInt();
        } catch (BufferUnderflowException e) {
            throw corrupt("truncated");
        }
    }

    public long readLong() {
        try {
            return in.getLong();
        } catch (BufferUnderflowException e) {
            throw corrupt("truncated");
        }
    }

    public double readDouble() {
        try {
            return in.getDouble();
        } catch (BufferUnderflowException e) {
            throw corrupt("truncated");
        }
    }

    public String readString() {
        byte[] b = new byte[readLength(1)];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    public int[] readInts() {
        int n = readLength(Integer.BYTES);
        int[] a = new int[n];
        in.asIntBuffer().get(a);
        in.position(in.position() + n * Integer.BYTES);
        return a;
    }

    public double[] readDoubles() {
        int n = readLength(Double.BYTES);
        double[] a = new double[n];
        in.asDoubleBuffer().get(a);
        in.position(in.position() + n * Double.BYTES);
        return a;
    }

    public byte[] readBytes() {
        byte[] b = new byte[readLength(1)];
        in.get(b);
        return b;
    }

    /** Fails unless every byte of the part was read. */
    public void expectEnd() {
        if (in.hasRemaining()) {
            throw corrupt(in.remaining() + " unexpected trailing bytes");
        }
    }

    /** An error about this part's content, for codecs that find an inconsistent value. */
    public InputException corrupt(String what) {
        return new InputException(InputLocation.file(partName), "corrupt bundle part: " + what);
    }

    private int readLength(int elementBytes) {
        int n = readInt();
        if (n < 0 || (long) n * elementBytes > in.remaining()) {
            throw corrupt("truncated (length " + n + ")");
        }
        return n;
    }
}
