package io.sentinelrisk.core.detect.kde;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.detect.FittedDetector;

/**
 * How a fitted {@code KdeModel} is stored as a bundle part and read back: a versioned binary
 * layout ({@code codec.BinaryWriter}); a part that does not decode is an InputException naming it.
 */
final class KdeCodec {
    static final String MAGIC = "KDEG";
    static final int VERSION = 1;

    private KdeCodec() {
    }

    static byte[] encode(FittedDetector model) {
        KdeModel m = (KdeModel) model;
        return new BinaryWriter(MAGIC, VERSION)
                .writeInt(m.featureCount())
                .writeDouble(m.bandwidth())
                .writeInt(m.fittedRows())
                .writeInts(m.referenceRows())
                .writeDoubles(m.points())
                .toByteArray();
    }

    static KdeModel decode(byte[] bytes, String partName) {
        BinaryReader r = new BinaryReader(bytes, partName, MAGIC, VERSION);
        int d = r.readInt();
        double h = r.readDouble();
        int fittedRows = r.readInt();
        int[] reference = r.readInts();
        double[] points = r.readDoubles();
        r.expectEnd();
        if (d < 1 || !(h > 0) || !Double.isFinite(h) || reference.length < 1 || fittedRows < reference.length
                || (long) reference.length * d != points.length || !ascendingWithin(reference, fittedRows)) {
            throw r.corrupt("inconsistent model (features " + d + ", bandwidth " + h + ", " + fittedRows + " fitted rows, "
                    + reference.length + " reference rows, " + points.length + " values)");
        }
        return new KdeModel(d, h, points, fittedRows, reference);
    }

    private static boolean ascendingWithin(int[] rows, int limit) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= limit || (i > 0 && rows[i] <= rows[i - 1])) {
                return false;
            }
        }
        return true;
    }
}
