package io.sentinelrisk.core.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sentinelrisk.core.calibrate.Calibration;
import io.sentinelrisk.core.drift.ColumnProfile;
import io.sentinelrisk.core.drift.TrainingProfile;
import io.sentinelrisk.core.explain.Explainer;
import io.sentinelrisk.core.explain.FeatureBaseline;
import io.sentinelrisk.core.mapping.BusinessMapping;
import io.sentinelrisk.core.pipeline.FeaturePart;
import io.sentinelrisk.core.prepare.ColumnPrep;
import io.sentinelrisk.core.prepare.Preparation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.sentinelrisk.core.bundle.BundleJson.require;

/**
 * The stored forms of the pipeline's JSON parts (docs/bundle.md): typed records written by Jackson,
 * each with {@code of} (fitted part → stored form), {@code toPart} (stored form → fitted part)
 * and, for the parts every scoring command reads, {@code from} (read strictly by
 * {@link JsonFields}, without Jackson's data binder: see {@link JsonTree}).
 * They are kept apart from the fitted classes so that the file format can stay stable while those
 * change. Category maps are sorted, so the same part is always the same bytes.
 */
final class PartForms {
    private PartForms() {
    }

    // ---- preparation.json ----

    @JsonPropertyOrder({"columns", "center", "scale"})
    record PreparationForm(@JsonProperty(value = "columns", required = true) List<ColumnForm> columns,
                           @JsonProperty(value = "center", required = true) double[] center,
                           @JsonProperty(value = "scale", required = true) double[] scale) {
        PreparationForm {
            columns = List.copyOf(require(columns, "columns"));
            require(center, "center");
            require(scale, "scale");
        }

        static PreparationForm of(Preparation p) {
            return new PreparationForm(p.columns().stream().map(ColumnForm::of).toList(), p.center(), p.scale());
        }

        Preparation toPart() {
            return new Preparation(columns.stream().map(ColumnForm::toPart).toList(), center, scale);
        }

        static PreparationForm from(JsonFields f) {
            return f.done(new PreparationForm(f.objects("columns", ColumnForm::from), f.doubles("center"), f.doubles("scale")));
        }
    }

    /** How one input column becomes features; {@code kind} names the form. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = NumericForm.class, name = "numeric"),
        @JsonSubTypes.Type(value = FrequencyForm.class, name = "frequency"),
        @JsonSubTypes.Type(value = OneHotForm.class, name = "onehot"),
        @JsonSubTypes.Type(value = TimeOfWeekForm.class, name = "time_of_week")})
    sealed interface ColumnForm {
        String column();

        ColumnPrep toPart();

        static ColumnForm of(ColumnPrep c) {
            return switch (c) {
                case ColumnPrep.Numeric n -> new NumericForm(n.column(), n.fill());
                case ColumnPrep.Frequency f -> new FrequencyForm(f.column(), f.mode(), new TreeMap<>(f.frequencies()), f.other());
                case ColumnPrep.OneHot o -> new OneHotForm(o.column(), o.mode(), o.categories());
                case ColumnPrep.TimeOfWeek t -> new TimeOfWeekForm(t.column(), t.fillHour(), t.fillDay());
            };
        }

        static ColumnForm from(JsonFields f) {
            String kind = f.text("kind");
            return f.done(switch (kind) {
                case "numeric" -> new NumericForm(f.text("column"), f.number("fill"));
                case "frequency" -> new FrequencyForm(f.text("column"), f.text("mode"), f.numbersByName("frequencies"),
                        f.optionalNumber("other"));
                case "onehot" -> new OneHotForm(f.text("column"), f.text("mode"), f.texts("categories"));
                case "time_of_week" -> new TimeOfWeekForm(f.text("column"), f.number("fill_hour"), f.number("fill_day"));
                default -> throw f.invalid("unknown column kind \"" + kind + "\"");
            });
        }
    }

    @JsonPropertyOrder({"column", "kind", "fill"})
    record NumericForm(@JsonProperty(value = "column", required = true) String column,
                       @JsonProperty(value = "fill", required = true) double fill) implements ColumnForm {
        NumericForm {
            require(column, "columns[].column");
        }

        @JsonProperty("kind")
        String kind() {
            return "numeric";
        }

        @Override
        public ColumnPrep toPart() {
            return new ColumnPrep.Numeric(column, fill);
        }
    }

    /** {@code other} is absent in bundles written before rare categories were bucketed: 0 then. */
    @JsonPropertyOrder({"column", "kind", "mode", "frequencies", "other"})
    record FrequencyForm(@JsonProperty(value = "column", required = true) String column,
                         @JsonProperty(value = "mode", required = true) String mode,
                         @JsonProperty(value = "frequencies", required = true) TreeMap<String, Double> frequencies,
                         @JsonProperty("other") @JsonInclude(JsonInclude.Include.NON_NULL) Double other)
            implements ColumnForm {
        FrequencyForm {
            require(column, "columns[].column");
            require(mode, "columns[].mode");
            require(frequencies, "columns[].frequencies");
        }

        @JsonProperty("kind")
        String kind() {
            return "frequency";
        }

        @Override
        public ColumnPrep toPart() {
            return new ColumnPrep.Frequency(column, frequencies, mode, other == null ? 0 : other);
        }
    }

    @JsonPropertyOrder({"column", "kind", "mode", "categories"})
    record OneHotForm(@JsonProperty(value = "column", required = true) String column,
                      @JsonProperty(value = "mode", required = true) String mode,
                      @JsonProperty(value = "categories", required = true) List<String> categories) implements ColumnForm {
        OneHotForm {
            require(column, "columns[].column");
            require(mode, "columns[].mode");
            categories = List.copyOf(require(categories, "columns[].categories"));
        }

        @JsonProperty("kind")
        String kind() {
            return "onehot";
        }

        @Override
        public ColumnPrep toPart() {
            return new ColumnPrep.OneHot(column, categories, mode);
        }
    }

    @JsonPropertyOrder({"column", "kind", "fill_hour", "fill_day"})
    record TimeOfWeekForm(@JsonProperty(value = "column", required = true) String column,
                          @JsonProperty(value = "fill_hour", required = true) double fillHour,
                          @JsonProperty(value = "fill_day", required = true) double fillDay) implements ColumnForm {
        TimeOfWeekForm {
            require(column, "columns[].column");
        }

        @JsonProperty("kind")
        String kind() {
            return "time_of_week";
        }

        @Override
        public ColumnPrep toPart() {
            return new ColumnPrep.TimeOfWeek(column, fillHour, fillDay);
        }
    }

    // ---- calibration.json ----

    /** A null {@code score_floor} means none was set. */
    @JsonPropertyOrder({"critical_at", "high_at", "medium_at", "anomaly_above", "score_floor", "grid"})
    record CalibrationForm(@JsonProperty(value = "critical_at", required = true) double criticalAt,
                           @JsonProperty(value = "high_at", required = true) double highAt,
                           @JsonProperty(value = "medium_at", required = true) double mediumAt,
                           @JsonProperty(value = "anomaly_above", required = true) double anomalyAbove,
                           @JsonProperty("score_floor") Double scoreFloor,
                           @JsonProperty(value = "grid", required = true) double[] grid) {
        CalibrationForm {
            require(grid, "grid");
        }

        static CalibrationForm of(Calibration c) {
            return new CalibrationForm(c.criticalAt(), c.highAt(), c.mediumAt(), c.anomalyAt(),
                    Double.isNaN(c.scoreFloor()) ? null : c.scoreFloor(), c.grid());
        }

        Calibration toPart() {
            return new Calibration(grid, criticalAt, highAt, mediumAt, anomalyAbove, scoreFloor == null ? Double.NaN : scoreFloor);
        }

        static CalibrationForm from(JsonFields f) {
            return f.done(new CalibrationForm(f.number("critical_at"), f.number("high_at"), f.number("medium_at"),
                    f.number("anomaly_above"), f.optionalNumber("score_floor"), f.doubles("grid")));
        }
    }

    // ---- explainer.json ----

    @JsonPropertyOrder({"baselines"})
    record ExplainerForm(@JsonProperty(value = "baselines", required = true) List<BaselineForm> baselines) {
        ExplainerForm {
            baselines = List.copyOf(require(baselines, "baselines"));
        }

        static ExplainerForm of(Explainer e) {
            return new ExplainerForm(e.baselines().stream().map(BaselineForm::of).toList());
        }

        Explainer toPart() {
            return new Explainer(baselines.stream().map(BaselineForm::toPart).toList());
        }

        static ExplainerForm from(JsonFields f) {
            return f.done(new ExplainerForm(f.objects("baselines", BaselineForm::from)));
        }
    }

    /** What is normal for one input column; {@code kind} names the form. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = NumericBaselineForm.class, name = "numeric"),
        @JsonSubTypes.Type(value = CategoricalBaselineForm.class, name = "categorical")})
    sealed interface BaselineForm {
        FeatureBaseline toPart();

        static BaselineForm of(FeatureBaseline b) {
            return switch (b) {
                case FeatureBaseline.Numeric n -> new NumericBaselineForm(n.column(), n.hourOfDay(), n.median(), n.scale());
                case FeatureBaseline.Categorical c -> new CategoricalBaselineForm(c.column(), new TreeMap<>(c.shares()),
                        c.otherShare(), c.trainingRows());
            };
        }

        static BaselineForm from(JsonFields f) {
            String kind = f.text("kind");
            return f.done(switch (kind) {
                case "numeric" -> new NumericBaselineForm(f.text("column"), f.optionalBool("hour_of_day"), f.number("median"),
                        f.number("scale"));
                case "categorical" -> new CategoricalBaselineForm(f.text("column"), f.numbersByName("shares"),
                        f.number("other_share"), f.wholeLong("training_rows"));
                default -> throw f.invalid("unknown baseline kind \"" + kind + "\"");
            });
        }
    }

    /** {@code hour_of_day}: the column is a timestamp, explained by its hour (absent means false). */
    @JsonPropertyOrder({"column", "kind", "hour_of_day", "median", "scale"})
    record NumericBaselineForm(@JsonProperty(value = "column", required = true) String column,
                               @JsonProperty("hour_of_day") Boolean hourOfDay,
                               @JsonProperty(value = "median", required = true) double median,
                               @JsonProperty(value = "scale", required = true) double scale) implements BaselineForm {
        NumericBaselineForm {
            require(column, "baselines[].column");
        }

        @JsonProperty("kind")
        String kind() {
            return "numeric";
        }

        @Override
        public FeatureBaseline toPart() {
            return new FeatureBaseline.Numeric(column, Boolean.TRUE.equals(hourOfDay), median, scale);
        }
    }

    @JsonPropertyOrder({"column", "kind", "shares", "other_share", "training_rows"})
    record CategoricalBaselineForm(@JsonProperty(value = "column", required = true) String column,
                                   @JsonProperty(value = "shares", required = true) TreeMap<String, Double> shares,
                                   @JsonProperty(value = "other_share", required = true) double otherShare,
                                   @JsonProperty(value = "training_rows", required = true) long trainingRows)
            implements BaselineForm {
        CategoricalBaselineForm {
            require(column, "baselines[].column");
            require(shares, "baselines[].shares");
        }

        @JsonProperty("kind")
        String kind() {
            return "categorical";
        }

        @Override
        public FeatureBaseline toPart() {
            return new FeatureBaseline.Categorical(column, shares, otherShare, trainingRows);
        }
    }

    // ---- features.json (the plan is opaque to core: the features module compiles the spec) ----

    @JsonPropertyOrder({"origin", "feature_columns", "plan", "spec"})
    record FeaturePlanForm(@JsonProperty(value = "origin", required = true) String origin,
                           @JsonProperty(value = "feature_columns", required = true) List<String> featureColumns,
                           @JsonProperty(value = "plan", required = true) Map<String, Object> plan,
                           @JsonProperty(value = "spec", required = true) String spec) {
        FeaturePlanForm {
            require(origin, "origin");
            featureColumns = List.copyOf(require(featureColumns, "feature_columns"));
            require(plan, "plan");
            require(spec, "spec");
        }

        static FeaturePlanForm of(FeaturePart f) {
            return new FeaturePlanForm(f.origin(), f.featureColumns(), f.plan(), f.spec());
        }

        FeaturePart toPart() {
            return new FeaturePart(origin, spec, featureColumns, plan);
        }
    }

    // ---- mapping.json (the business mapping as its file's text; core.mapping reads it) ----

    @JsonPropertyOrder({"origin", "source"})
    record MappingForm(@JsonProperty(value = "origin", required = true) String origin,
                       @JsonProperty(value = "source", required = true) String source) {
        MappingForm {
            require(origin, "origin");
            require(source, "source");
        }

        static MappingForm of(BusinessMapping m) {
            return new MappingForm(m.origin(), m.source());
        }

        /** The mapping; errors in its text are located at {@code part} and the line in the text. */
        BusinessMapping toPart(String part) {
            return BusinessMapping.parse(source, part, origin);
        }
    }

    // ---- profile.json: the training profile drift is measured against ----

    @JsonPropertyOrder({"columns", "score"})
    record ProfileForm(@JsonProperty(value = "columns", required = true) List<ProfileColumnForm> columns,
                       @JsonProperty(value = "score", required = true) NumericProfileForm score) {
        ProfileForm {
            columns = List.copyOf(require(columns, "columns"));
            require(score, "score");
        }

        static ProfileForm of(TrainingProfile p) {
            return new ProfileForm(p.columns().stream().map(ProfileColumnForm::of).toList(), NumericProfileForm.of(p.score()));
        }

        TrainingProfile toPart() {
            return new TrainingProfile(columns.stream().map(ProfileColumnForm::toPart).toList(), score.toPart());
        }

        static ProfileForm from(JsonFields f) {
            return f.done(new ProfileForm(f.objects("columns", ProfileColumnForm::from), f.object("score", NumericProfileForm::from)));
        }
    }

    /** One column's training profile; {@code kind} names the form. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = NumericProfileForm.class, name = "numeric"),
        @JsonSubTypes.Type(value = CategoricalProfileForm.class, name = "categorical")})
    sealed interface ProfileColumnForm {
        ColumnProfile toPart();

        static ProfileColumnForm of(ColumnProfile p) {
            return switch (p) {
                case ColumnProfile.Numeric n -> NumericProfileForm.of(n);
                case ColumnProfile.Categorical c -> new CategoricalProfileForm(c.column(), c.rows(), c.missingShare(),
                        new TreeMap<>(c.shares()), c.otherShare());
            };
        }

        static ProfileColumnForm from(JsonFields f) {
            String kind = f.text("kind");
            return switch (kind) {
                case "numeric" -> NumericProfileForm.from(f);
                case "categorical" -> f.done(new CategoricalProfileForm(f.text("column"), f.wholeLong("rows"),
                        f.number("missing_share"), f.numbersByName("shares"), f.number("other_share")));
                default -> throw f.invalid("unknown profile kind \"" + kind + "\"");
            };
        }
    }

    @JsonPropertyOrder({"column", "kind", "rows", "missing_share", "hour_of_day", "edges", "bin_shares", "quantiles"})
    record NumericProfileForm(@JsonProperty(value = "column", required = true) String column,
                              @JsonProperty(value = "rows", required = true) long rows,
                              @JsonProperty(value = "missing_share", required = true) double missingShare,
                              @JsonProperty(value = "hour_of_day", required = true) boolean hourOfDay,
                              @JsonProperty(value = "edges", required = true) double[] edges,
                              @JsonProperty(value = "bin_shares", required = true) double[] binShares,
                              @JsonProperty(value = "quantiles", required = true) double[] quantiles)
            implements ProfileColumnForm {
        NumericProfileForm {
            require(column, "column");
            require(edges, "edges");
            require(binShares, "bin_shares");
            require(quantiles, "quantiles");
        }

        static NumericProfileForm of(ColumnProfile.Numeric n) {
            return new NumericProfileForm(n.column(), n.rows(), n.missingShare(), n.hourOfDay(), n.edges(), n.binShares(),
                    n.quantiles());
        }

        static NumericProfileForm from(JsonFields f) {
            if (!"numeric".equals(f.text("kind"))) {
                throw f.invalid("expected kind \"numeric\"");
            }
            return f.done(new NumericProfileForm(f.text("column"), f.wholeLong("rows"), f.number("missing_share"),
                    f.bool("hour_of_day"), f.doubles("edges"), f.doubles("bin_shares"), f.doubles("quantiles")));
        }

        @JsonProperty("kind")
        String kind() {
            return "numeric";
        }

        @Override
        public ColumnProfile.Numeric toPart() {
            return new ColumnProfile.Numeric(column, rows, missingShare, hourOfDay, edges, binShares, quantiles);
        }
    }

    @JsonPropertyOrder({"column", "kind", "rows", "missing_share", "shares", "other_share"})
    record CategoricalProfileForm(@JsonProperty(value = "column", required = true) String column,
                                  @JsonProperty(value = "rows", required = true) long rows,
                                  @JsonProperty(value = "missing_share", required = true) double missingShare,
                                  @JsonProperty(value = "shares", required = true) TreeMap<String, Double> shares,
                                  @JsonProperty(value = "other_share", required = true) double otherShare)
            implements ProfileColumnForm {
        CategoricalProfileForm {
            require(column, "column");
            require(shares, "shares");
        }

        @JsonProperty("kind")
        String kind() {
            return "categorical";
        }

        @Override
        public ColumnProfile toPart() {
            return new ColumnProfile.Categorical(column, rows, missingShare, shares, otherShare);
        }
    }
}
