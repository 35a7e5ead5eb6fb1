package io.sentinelrisk.core.codec;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a model part in the bundle's plain binary form: a 4-byte magic, a format version, then
 * big-endian primitives and length-prefixed arrays. Read back with {@link BinaryReader}. This is
 * data, never code: no Java serialization.
 */
public final class BinaryWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    /** Starts a part with its magic (exactly 4 ASCII characters) and format version. */
    public BinaryWriter(String magic, int version) {
        if (magic.length() != 4) {
            throw new IllegalArgumentException("magic must be 4 characters: " + magic);
        }
        try {
            out.write(magic.getBytes(StandardCharsets.US_ASCII));
            out.writeInt(version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BinaryWriter writeInt(int v) {
        try {
            out.writeInt(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public BinaryWriter writeLong(long v) {
        try {
            out.writeLong(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public BinaryWriter writeDouble(double v) {
        try {
            out.writeDouble(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public BinaryWriter writeString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeInt(b.length);
        try {
            out.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public BinaryWriter writeInts(int[] a) {
        writeInt(a.length);
        for (int v : a) {
            writeInt(v);
        }
        return this;
    }

    public BinaryWriter writeDoubles(double[] a) {
        writeInt(a.length);
        for (double v : a) {
            writeDouble(v);
        }
        return this;
    }

    public BinaryWriter writeBytes(byte[] a) {
        writeInt(a.length);
        try {
            out.write(a);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public byte[] toByteArray() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
