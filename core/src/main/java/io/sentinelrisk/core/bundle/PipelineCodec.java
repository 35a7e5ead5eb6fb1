package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.calibrate.Calibration;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.drift.TrainingProfile;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.explain.Explainer;
import io.sentinelrisk.core.mapping.BusinessMapping;
import io.sentinelrisk.core.pipeline.FeaturePart;
import io.sentinelrisk.core.prepare.Preparation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps the pipeline's fitted parts (schema, preparation, calibration, explainer, feature plan) to
 * their stored forms ({@link Manifest}, {@link PartForms}) and back. Reading is strict and names
 * the part and the field it refuses.
 */
final class PipelineCodec {
    private PipelineCodec() {
    }

    // ---- schema ----

    static List<Manifest.SchemaColumn> schemaColumns(Schema schema) {
        List<Manifest.SchemaColumn> out = new ArrayList<>();
        for (Field f : schema.fields()) {
            out.add(new Manifest.SchemaColumn(f.name(), f.type().id(), f.role().id()));
        }
        return out;
    }

    static Schema schema(List<Manifest.SchemaColumn> columns, String part) {
        List<Field> fields = new ArrayList<>();
        for (Manifest.SchemaColumn c : columns) {
            ColumnType type = ColumnType.parse(c.type());
            if (type == null) {
                throw corrupt(part, "unknown column type " + c.type());
            }
            ColumnRole role;
            try {
                role = ColumnRole.valueOf(c.role().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw corrupt(part, "unknown column role " + c.role());
            }
            fields.add(new Field(c.name(), type, role));
        }
        return new Schema(fields);
    }

    // ---- the JSON parts: stored forms in PartForms ----

    static byte[] preparation(Preparation p) {
        return BundleJson.bytes(PartForms.PreparationForm.of(p));
    }

    static Preparation preparation(byte[] json, String part) {
        return read(json, part, PartForms.PreparationForm::from, PartForms.PreparationForm::toPart);
    }

    static byte[] calibration(Calibration c) {
        return BundleJson.bytes(PartForms.CalibrationForm.of(c));
    }

    static Calibration calibration(byte[] json, String part) {
        return read(json, part, PartForms.CalibrationForm::from, PartForms.CalibrationForm::toPart);
    }

    /** The manifest's summary of the calibration: its thresholds without the grid. */
    static Manifest.Thresholds thresholds(Calibration c) {
        return new Manifest.Thresholds(c.criticalAt(), c.highAt(), c.mediumAt(), c.anomalyAt(),
                Double.isNaN(c.scoreFloor()) ? null : c.scoreFloor());
    }

    static byte[] explainer(Explainer e) {
        return BundleJson.bytes(PartForms.ExplainerForm.of(e));
    }

    static Explainer explainer(byte[] json, String part) {
        return read(json, part, PartForms.ExplainerForm::from, PartForms.ExplainerForm::toPart);
    }

    static byte[] features(FeaturePart f) {
        return BundleJson.bytes(PartForms.FeaturePlanForm.of(f));
    }

    static FeaturePart features(byte[] json, String part) {
        return read(json, PartForms.FeaturePlanForm.class, part, PartForms.FeaturePlanForm::toPart);
    }

    // ---- business mapping: the file's text, read back through the same reader ----

    static byte[] mapping(BusinessMapping m) {
        return BundleJson.bytes(PartForms.MappingForm.of(m));
    }

    static BusinessMapping mapping(byte[] json, String part) {
        return BundleJson.read(json, PartForms.MappingForm.class, part, "part").toPart(part);
    }

    static byte[] profile(TrainingProfile p) {
        return BundleJson.bytes(PartForms.ProfileForm.of(p));
    }

    static TrainingProfile profile(byte[] json, String part) {
        return read(json, part, PartForms.ProfileForm::from, PartForms.ProfileForm::toPart);
    }

    /**
     * Reads a part's stored form and turns it into the fitted part; what the fitted part's own
     * checks refuse is a corrupt part, named like a malformed one.
     */
    private static <F, T> T read(byte[] json, Class<F> form, String part, java.util.function.Function<F, T> toPart) {
        return checked(BundleJson.read(json, form, part, "part"), part, toPart);
    }

    /** The same, bound by {@link JsonFields} (the parts every scoring command reads: no data binder). */
    private static <F, T> T read(byte[] json, String part, java.util.function.Function<JsonFields, F> form,
                                 java.util.function.Function<F, T> toPart) {
        return checked(JsonFields.bind(json, part, "part", form), part, toPart);
    }

    private static <F, T> T checked(F stored, String part, java.util.function.Function<F, T> toPart) {
        try {
            return toPart.apply(stored);
        } catch (IllegalArgumentException e) {
            throw corrupt(part, e.getMessage());
        }
    }

    static InputException corrupt(String part, String what) {
        return BundleJson.corrupt(part, "part", what);
    }
}
