package io.sentinelrisk.features.stream;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Saves and restores the per-entity state of a {@link StreamingFeatures} as plain data (no Java
 * serialization): a header naming the plan the state belongs to, the entities in key order (so
 * the same state gives the same bytes), and a SHA-256 of all of it at the end. Reading verifies
 * the checksum first, then bounds every count by the bytes that are left, so a damaged or hostile
 * file is an {@link InputException}, never an out-of-memory error.
 *
 * <p>Window contents, pending ties and previous-event lookups are stored as they are. Of the
 * aggregates' running state only the compensated sums of {@code Moments} are stored (they depend
 * on the order of past additions and removals); counts, key multisets, sorted values and sliding
 * extremes are functions of the window's content and are rebuilt from it, exactly.
 */
public final class EntityStateCodec {
    private static final int MAGIC = 0x53524653;   // "SRFS"
    private static final int VERSION = 1;
    private static final int SHA_BYTES = 32;
    /** Larger state files are refused: read into memory, they must fit in it. */
    public static final long MAX_BYTES = 1L << 30;

    private EntityStateCodec() {
    }

    /**
     * The state of every entity {@code engine} holds.
     *
     * @param planId identifies the plan (e.g. a hash of the spec); reading checks it
     */
    public static byte[] encode(StreamingFeatures engine, String planId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            string(out, planId);
            Map<String, EntityState> states = engine.states();
            List<String> keys = new ArrayList<>(states.keySet());
            keys.sort(null);
            out.writeInt(keys.size());
            for (String key : keys) {
                string(out, key);
                entity(out, states.get(key));
            }
            out.write(sha256(bytes.toByteArray(), bytes.size()));
        } catch (IOException e) {
            throw new IllegalStateException(e);   // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** Puts the entities of {@code bytes} into {@code engine}; {@code source} names the file in errors. */
    public static void decode(byte[] bytes, StreamingFeatures engine, String planId, String source) {
        if (bytes.length > MAX_BYTES) {
            throw corrupt(source, "larger than " + MAX_BYTES + " bytes");
        }
        if (bytes.length < 8 + SHA_BYTES || ByteBuffer.wrap(bytes).getInt() != MAGIC) {
            throw corrupt(source, "not a SentinelRisk feature state file");
        }
        int body = bytes.length - SHA_BYTES;
        if (!Arrays.equals(sha256(bytes, body), 0, SHA_BYTES, bytes, body, bytes.length)) {
            throw corrupt(source, "the file was modified or truncated: it does not match its checksum");
        }
        Reader in = new Reader(ByteBuffer.wrap(bytes, 0, body), source);
        try {
            in.buf.getInt();
            int version = in.buf.getInt();
            if (version != VERSION) {
                throw corrupt(source, "state format version " + version + " is not supported (this build reads " + VERSION + ")");
            }
            String id = in.string();
            if (!planId.equals(id)) {
                throw new InputException(InputLocation.file(source),
                        "this feature state was saved for another feature plan than the model's; use the state written with this model");
            }
            int n = in.count(12);
            for (int i = 0; i < n; i++) {
                String key = in.string();
                engine.putState(key, entity(in, engine));
            }
            if (in.buf.hasRemaining()) {
                throw corrupt(source, "unexpected bytes after the last entity");
            }
        } catch (BufferUnderflowException e) {
            throw corrupt(source, "truncated");
        }
    }

    /**
     * One entity's state alone, e.g. the value of a keyed state in a stream job: its fields as in
     * a state file, then a CRC-32C of them.
     */
    public static byte[] encodeEntity(EntityState st) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            entity(out, st);
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new IllegalStateException(e);   // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * The entity's latest event time (epoch ms) in what {@link #encodeEntity} wrote, without
     * decoding the rest (it leads the encoding); {@code Long.MIN_VALUE} for a state with no event.
     */
    public static long lastEventTime(byte[] encoded) {
        if (encoded.length < 12) {
            throw new IllegalArgumentException("an entity state of " + encoded.length + " bytes");
        }
        return ByteBuffer.wrap(encoded, 0, 8).getLong();
    }

    /** Reads what {@link #encodeEntity} wrote, for {@code engine}'s plan; {@code source} names it in errors. */
    public static EntityState decodeEntity(byte[] bytes, StreamingFeatures engine, String source) {
        if (bytes.length < 4 || bytes.length > MAX_BYTES) {
            throw corrupt(source, "an entity state of " + bytes.length + " bytes");
        }
        int body = bytes.length - 4;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, body);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, body, 4).getInt()) {
            throw corrupt(source, "the entity state was modified or truncated: it does not match its checksum");
        }
        Reader in = new Reader(ByteBuffer.wrap(bytes, 0, body), source);
        try {
            EntityState st = entity(in, engine);
            if (in.buf.hasRemaining()) {
                throw corrupt(source, "unexpected bytes after the entity state");
            }
            return st;
        } catch (BufferUnderflowException e) {
            throw corrupt(source, "truncated");
        }
    }

    private static void entity(DataOutputStream out, EntityState st) throws IOException {
        out.writeLong(st.lastTs);
        out.writeInt(st.buffers.length);
        for (WindowBuffer b : st.buffers) {
            buffer(out, b);
        }
        out.writeInt(st.prevTs.length);
        for (int i = 0; i < st.prevTs.length; i++) {
            out.writeLong(st.prevTs[i]);
            out.writeDouble(st.prevNum[i]);
            string(out, st.prevStr[i]);
            out.writeBoolean(st.pendSet[i]);
            out.writeLong(st.pendTs[i]);
            out.writeDouble(st.pendNum[i]);
            string(out, st.pendStr[i]);
        }
    }

    private static EntityState entity(Reader in, StreamingFeatures engine) {
        long lastTs = in.buf.getLong();
        int nb = in.buf.getInt();
        if (nb != engine.bufferCount()) {
            throw corrupt(in.source, "an entity has " + nb + " window buffers, the plan " + engine.bufferCount());
        }
        WindowBuffer[] buffers = new WindowBuffer[nb];
        for (int b = 0; b < nb; b++) {
            buffers[b] = buffer(in, engine.newBuffer(b));
        }
        int np = in.buf.getInt();
        if (np != engine.plan().prevs().size()) {
            throw corrupt(in.source, "an entity has " + np + " previous-event lookups, the plan " + engine.plan().prevs().size());
        }
        EntityState st = new EntityState(buffers, np);
        st.lastTs = lastTs;
        for (int i = 0; i < np; i++) {
            st.prevTs[i] = in.buf.getLong();
            st.prevNum[i] = in.buf.getDouble();
            st.prevStr[i] = in.string();
            st.pendSet[i] = in.buf.get() != 0;
            st.pendTs[i] = in.buf.getLong();
            st.pendNum[i] = in.buf.getDouble();
            st.pendStr[i] = in.string();
        }
        return st;
    }

    private static void buffer(DataOutputStream out, WindowBuffer b) throws IOException {
        out.writeLong(b.head);
        out.writeLong(b.commit);
        out.writeLong(b.tail);
        out.writeInt(b.nums.length);
        out.writeInt(b.objs.length);
        for (long s = b.head; s < b.tail; s++) {
            out.writeLong(b.ts[(int) (s & b.mask)]);
        }
        for (int c = 0; c < b.nums.length; c++) {
            for (long s = b.head; s < b.tail; s++) {
                out.writeDouble(b.num(c, s));
            }
        }
        for (int c = 0; c < b.objs.length; c++) {
            for (long s = b.head; s < b.tail; s++) {
                string(out, (String) b.obj(c, s));
            }
        }
        for (Kernel k : b.kernels) {
            if (k instanceof Kernel.Moments m) {
                out.writeInt(m.n);
                out.writeDouble(m.shift);
                out.writeDouble(m.s1);
                out.writeDouble(m.c1);
                out.writeDouble(m.s2);
                out.writeDouble(m.c2);
                out.writeInt(m.removals);
            }
        }
    }

    private static WindowBuffer buffer(Reader in, WindowBuffer b) {
        long head = in.buf.getLong();
        long commit = in.buf.getLong();
        long tail = in.buf.getLong();
        if (head < 0 || commit < head || tail < commit || tail - head > in.buf.remaining() / 8) {
            throw corrupt(in.source, "bad window buffer bounds");
        }
        if (in.buf.getInt() != b.nums.length || in.buf.getInt() != b.objs.length) {
            throw corrupt(in.source, "a window buffer has other columns than the plan's");
        }
        int size = (int) (tail - head);
        int cap = Math.max(4, Integer.highestOneBit(Math.max(1, size - 1)) << 1);
        b.mask = cap - 1;
        b.ts = new long[cap];
        for (long s = head; s < tail; s++) {
            b.ts[(int) (s & b.mask)] = in.buf.getLong();
        }
        for (int c = 0; c < b.nums.length; c++) {
            b.nums[c] = new double[cap];
            for (long s = head; s < tail; s++) {
                b.nums[c][(int) (s & b.mask)] = in.buf.getDouble();
            }
        }
        for (int c = 0; c < b.objs.length; c++) {
            b.objs[c] = new Object[cap];
            for (long s = head; s < tail; s++) {
                b.objs[c][(int) (s & b.mask)] = in.string();
            }
        }
        b.head = head;
        b.commit = commit;
        b.tail = tail;
        for (Kernel k : b.kernels) {
            if (k instanceof Kernel.Moments m) {
                m.n = in.buf.getInt();
                m.shift = in.buf.getDouble();
                m.s1 = in.buf.getDouble();
                m.c1 = in.buf.getDouble();
                m.s2 = in.buf.getDouble();
                m.c2 = in.buf.getDouble();
                m.removals = in.buf.getInt();
            } else {
                for (long s = head; s < commit; s++) {
                    k.add(b, s);
                }
            }
        }
        return b;
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** Reads with every count checked against the bytes left. */
    private record Reader(ByteBuffer buf, String source) {
        int count(int minBytesEach) {
            int n = buf.getInt();
            if (n < 0 || (long) n * minBytesEach > buf.remaining()) {
                throw corrupt(source, "a count of " + n + " does not fit the file");
            }
            return n;
        }

        String string() {
            int n = buf.getInt();
            if (n == -1) {
                return null;
            }
            if (n < 0 || n > buf.remaining()) {
                throw corrupt(source, "a text of " + n + " bytes does not fit the file");
            }
            byte[] b = new byte[n];
            buf.get(b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    private static InputException corrupt(String source, String what) {
        return new InputException(InputLocation.file(source), "corrupt feature state: " + what);
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
