package io.sentinelrisk.core.detect.ensemble;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.detect.Baseline;
import io.sentinelrisk.core.detect.FittedDetector;

import java.util.ArrayList;
import java.util.List;

/**
 * How a fitted {@code auto} is stored: every candidate's label, agreement and whether it was kept,
 * the threshold, the cap on the kept count and normalisation, then the kept members as an
 * ensemble part. Version 1 (before {@code max_members}) has no cap: it reads as the candidate count.
 * Version 3 adds the baseline after the cap; parts written before it were fitted as {@code unknown}.
 * A clean baseline's candidates are its clean members, all kept (at least one).
 */
final class AutoCodec {
    static final String MAGIC = "AUTO";
    static final int VERSION = 3;

    private final EnsembleCodec ensemble;

    AutoCodec(EnsembleCodec ensemble) {
        this.ensemble = ensemble;
    }

    byte[] encode(FittedDetector model) {
        AutoModel m = (AutoModel) model;
        BinaryWriter w = new BinaryWriter(MAGIC, VERSION)
                .writeString(m.normalization())
                .writeDouble(m.minAgreement())
                .writeInt(m.maxMembers())
                .writeString(m.baseline().configName())
                .writeInt(m.candidates().size());
        for (AutoModel.Candidate c : m.candidates()) {
            w.writeString(c.member()).writeDouble(c.agreement()).writeInt(c.chosen() ? 1 : 0);
        }
        return w.writeBytes(ensemble.encode(m.kept())).toByteArray();
    }

    AutoModel decode(byte[] bytes, String partName) {
        BinaryReader r = new BinaryReader(bytes, partName, MAGIC, VERSION);
        String normalization = r.readString();
        double minAgreement = r.readDouble();
        int maxMembers = r.version() >= 2 ? r.readInt() : -1;
        Baseline baseline = r.version() >= 3 ? Baseline.byConfigName(r.readString()) : Baseline.UNKNOWN;
        if (baseline == null) {
            throw r.corrupt("unknown baseline");
        }
        boolean clean = baseline == Baseline.CLEAN;
        int count = r.readInt();
        if (count < (clean ? 1 : 2) || count > 1000) {
            throw r.corrupt("expected at least " + (clean ? "one clean member" : "two candidates") + ", found " + count);
        }
        if (maxMembers == -1) {
            maxMembers = count;
        } else if (maxMembers < 1) {
            throw r.corrupt("max_members " + maxMembers + " is below 1");
        }
        List<AutoModel.Candidate> candidates = new ArrayList<>();
        int chosen = 0;
        for (int i = 0; i < count; i++) {
            String member = r.readString();
            double agreement = r.readDouble();
            int flag = r.readInt();
            if (flag != 0 && flag != 1) {
                throw r.corrupt("candidate " + (i + 1) + " has a bad kept flag");
            }
            chosen += flag;
            candidates.add(new AutoModel.Candidate(member, agreement, flag == 1));
        }
        EnsembleModel kept = ensemble.decode(r.readBytes(), partName + "#kept");
        r.expectEnd();
        if (kept.members().size() != chosen) {
            throw r.corrupt(chosen + " candidates marked kept but " + kept.members().size() + " members stored");
        }
        if (clean ? chosen != count : chosen > maxMembers) {
            throw r.corrupt(chosen + " candidates kept but " + (clean ? "a clean baseline keeps all " + count
                    : "max_members is " + maxMembers));
        }
        return new AutoModel(kept, candidates, minAgreement, maxMembers, normalization, baseline);
    }
}
