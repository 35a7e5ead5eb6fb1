package io.sentinelrisk.features;

import io.sentinelrisk.features.engine.DbTarget;
import io.sentinelrisk.features.engine.InputRef;
import io.sentinelrisk.features.spec.FeatureSpec;
import io.sentinelrisk.features.spec.SpecReader;
import io.sentinelrisk.features.testing.Compare;
import io.sentinelrisk.features.testing.Csv;
import io.sentinelrisk.features.testing.EventLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

class EngineSmokeTest {
    @TempDir
    Path dir;

    @Test
    void threeEnginesAgree() {
        FeatureSpec spec = SpecReader.read(EventLogs.ALL_KINDS_SPEC, "all-kinds.yaml");
        Path in = EventLogs.write(dir.resolve("events.csv"), EventLogs.generate(1, 400, 4));
        var duck = FeatureStore.build(new FeatureStore.Build(spec, new InputRef.File(in), dir.resolve("duck.csv"), Optional.empty(), FeatureStore.Engine.SQL));
        var stream = FeatureStore.build(new FeatureStore.Build(spec, new InputRef.File(in), dir.resolve("stream.csv"), Optional.empty(), FeatureStore.Engine.STREAM));
        var pg = FeatureStore.build(new FeatureStore.Build(spec, new InputRef.File(in), dir.resolve("pg.csv"),
                Optional.of(DbTarget.parse(DbTarget.testPostgresUrl())), FeatureStore.Engine.SQL));
        System.out.println(duck + "\n" + stream + "\n" + pg);
        Csv d = Csv.read(dir.resolve("duck.csv"));
        Compare.assertSame(d, Csv.read(dir.resolve("stream.csv")), spec.outputNames(), "duckdb vs stream");
        Compare.assertSame(d, Csv.read(dir.resolve("pg.csv")), spec.outputNames(), "duckdb vs postgresql");
    }
}
