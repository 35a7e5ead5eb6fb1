package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.calibrate.Calibration;
import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;

/**
 * The calibration as a binary part, {@code calibration.bin} (docs/bundle.md), which bundles are
 * written with: magic {@code SRCA}, version 1, then big-endian
 * <pre>
 *   double critical_at, double high_at, double medium_at, double anomaly_above,
 *   double score_floor (NaN: none), int n, double[n] grid
 * </pre>
 * Reading the grid's ~10,000 numbers as JSON text was the largest part of loading a bundle in a
 * one-record {@code predict}; as doubles it is one copy. Integrity is the manifest's SHA-256, as
 * for every part. Bundles of older releases hold {@code calibration.json} instead, still read.
 */
final class CalibrationCodec {
    static final String MAGIC = "SRCA";
    static final int VERSION = 1;

    private CalibrationCodec() {
    }

    static byte[] encode(Calibration c) {
        return new BinaryWriter(MAGIC, VERSION)
                .writeDouble(c.criticalAt()).writeDouble(c.highAt()).writeDouble(c.mediumAt()).writeDouble(c.anomalyAt())
                .writeDouble(c.scoreFloor())
                .writeDoubles(c.grid())
                .toByteArray();
    }

    static Calibration decode(byte[] bytes, String part) {
        BinaryReader in = new BinaryReader(bytes, part, MAGIC, VERSION);
        double critical = threshold(in, "critical_at");
        double high = threshold(in, "high_at");
        double medium = threshold(in, "medium_at");
        double anomaly = threshold(in, "anomaly_above");
        double floor = in.readDouble();   // NaN: no floor
        double[] grid = in.readDoubles();
        in.expectEnd();
        try {
            return new Calibration(grid, critical, high, medium, anomaly, floor);
        } catch (IllegalArgumentException e) {   // an empty or unsorted grid (NaN included)
            throw in.corrupt(e.getMessage());
        }
    }

    /** The JSON form cannot hold NaN; nor may this one, where a NaN threshold would flag nothing. */
    private static double threshold(BinaryReader in, String name) {
        double v = in.readDouble();
        if (Double.isNaN(v)) {
            throw in.corrupt(name + " is not a number");
        }
        return v;
    }
}
