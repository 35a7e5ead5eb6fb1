package io.sentinelrisk.core.detect.ensemble;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.detect.DetectorCatalog;
import io.sentinelrisk.core.detect.FittedDetector;

import java.util.ArrayList;
import java.util.List;

/**
 * How a fitted ensemble is stored as a bundle part and read back: its combination, weights, and
 * per member its type, normalisation statistics and the member's own part (written by the
 * member's factory, looked up in the catalog).
 */
final class EnsembleCodec {
    static final String MAGIC = "ENSM";
    static final int VERSION = 1;

    private final DetectorCatalog catalog;

    EnsembleCodec(DetectorCatalog catalog) {
        this.catalog = catalog;
    }

    byte[] encode(FittedDetector model) {
        EnsembleModel m = (EnsembleModel) model;
        BinaryWriter w = new BinaryWriter(MAGIC, VERSION)
                .writeString(m.combination().configName())
                .writeDoubles(m.weights())
                .writeInt(m.members().size());
        for (int i = 0; i < m.members().size(); i++) {
            FittedDetector member = m.members().get(i);
            ScoreNormalizer n = m.normalizers().get(i);
            w.writeString(member.type())
                    .writeString(n.kind().name())
                    .writeDoubles(n.stats())
                    .writeBytes(catalog.byType(member.type()).encode(member));
        }
        return w.toByteArray();
    }

    EnsembleModel decode(byte[] bytes, String partName) {
        BinaryReader r = new BinaryReader(bytes, partName, MAGIC, VERSION);
        Combination combination;
        try {
            combination = Combination.byConfigName(r.readString());
        } catch (IllegalArgumentException e) {
            throw r.corrupt("unknown combination");
        }
        double[] weights = r.readDoubles();
        int count = r.readInt();
        if (count < 1 || weights.length != count) {
            throw r.corrupt("expected one weight per member, found " + weights.length + " for " + count);
        }
        List<FittedDetector> members = new ArrayList<>();
        List<ScoreNormalizer> normalizers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String type = r.readString();
            ScoreNormalizer.Kind kind;
            try {
                kind = ScoreNormalizer.Kind.valueOf(r.readString());
            } catch (IllegalArgumentException e) {
                throw r.corrupt("member " + (i + 1) + " has an unknown normalisation");
            }
            double[] stats = r.readDoubles();
            byte[] part = r.readBytes();
            if (type.equals(EnsembleFactory.TYPE) || type.equals(AutoFactory.TYPE) || !catalog.types().contains(type)) {
                throw r.corrupt("member " + (i + 1) + " has unknown type '" + type + "'");
            }
            if (kind == ScoreNormalizer.Kind.ROBUST_Z ? stats.length != 2 || !(stats[1] > 0) : stats.length < 1) {
                throw r.corrupt("member " + (i + 1) + " has bad normalisation statistics");
            }
            FittedDetector member = catalog.byType(type).decode(part, partName + "#member" + (i + 1));
            if (!members.isEmpty() && member.featureCount() != members.get(0).featureCount()) {
                throw r.corrupt("members disagree on the feature count");
            }
            members.add(member);
            normalizers.add(new ScoreNormalizer(kind, stats));
        }
        r.expectEnd();
        return new EnsembleModel(members, normalizers, weights, combination);
    }
}
