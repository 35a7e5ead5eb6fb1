package io.sentinelrisk.cli;

import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.ingest.DatasetLoader;
import io.sentinelrisk.features.FeatureStore;

import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Map;

/** Small things the commands share. */
final class CommandSupport {
    private CommandSupport() {
    }

    /** Config overrides from the flags of a command (null = not given). */
    static Map<String, Object> overrides(ConfigOverrides flags, InputOptions input, ExportOptions exports) {
        Map<String, Object> m = flags == null ? new LinkedHashMap<>() : flags.toMap();
        if (input != null) {
            m.put("label_column", input.labelColumn);
            m.put("delimiter", input.delimiter);
        }
        if (exports != null) {
            m.put("top_n", exports.topN);
        }
        return m;
    }

    /**
     * Reads the input of train or score: the CSV as it is, or first enriched with the features of
     * {@code --features} (computed into a temporary file that is deleted afterwards).
     */
    static Dataset load(InputOptions input, SentinelConfig cfg, Schema expected) {
        boolean labelColumnSet = input.labelColumn != null;
        if (input.features == null) {
            if (input.db != null) {
                throw new InputException("--db goes with --features");
            }
            return DatasetLoader.load(input.input, cfg, input.labels, labelColumnSet, expected);
        }
        try (FeatureStore.Enriched enriched = FeatureStore.enrich(input.features, input.input, Optional.ofNullable(input.db))) {
            Dataset d = DatasetLoader.load(enriched.csv(), cfg, input.labels, labelColumnSet, expected);
            return new Dataset(input.input + " with features of " + input.features, d.frame(), d.labels(), d.lineNumbers());
        }
    }
}
