package io.sentinelrisk.features.testing;

import io.sentinelrisk.features.FeatureStore;
import io.sentinelrisk.features.engine.DbTarget;
import io.sentinelrisk.features.engine.InputRef;
import io.sentinelrisk.features.spec.FeatureSpec;

import java.nio.file.Path;
import java.util.Optional;

/** Shorthands for running a build in tests. */
public final class Builds {
    private Builds() {
    }

    public static Csv duckdb(FeatureSpec spec, Path input, Path output) {
        FeatureStore.build(new FeatureStore.Build(spec, new InputRef.File(input), output, Optional.empty(), FeatureStore.Engine.SQL));
        return Csv.read(output);
    }

    public static Csv stream(FeatureSpec spec, Path input, Path output) {
        FeatureStore.build(new FeatureStore.Build(spec, new InputRef.File(input), output, Optional.empty(), FeatureStore.Engine.STREAM));
        return Csv.read(output);
    }

    public static Csv postgres(FeatureSpec spec, Path input, Path output) {
        FeatureStore.build(new FeatureStore.Build(spec, new InputRef.File(input), output,
                Optional.of(DbTarget.parse(DbTarget.testPostgresUrl())), FeatureStore.Engine.SQL));
        return Csv.read(output);
    }
}
