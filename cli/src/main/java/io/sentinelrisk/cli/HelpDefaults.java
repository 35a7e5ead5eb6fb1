package io.sentinelrisk.cli;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.pipeline.SentinelConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;

/**
 * The config defaults that {@code --help} shows, read from core's parameter specs so the help never
 * disagrees with {@code sentinel config defaults}. Help texts refer to them as
 * {@code ${bundle:default.contamination}} etc. (prefixed: picocli would take a bare
 * option name such as {@code threads} as that option's whole description). They are not option default values on purpose: a flag that
 * is not given must leave the config file's value alone.
 */
public final class HelpDefaults extends ListResourceBundle {
    @Override
    protected Object[][] getContents() {
        SentinelConfig defaults = SentinelConfig.defaults();
        List<Object[]> rows = new ArrayList<>();
        for (ParamSpec p : SentinelConfig.TOP_LEVEL) {
            if (p.defaultValue() != null) {
                rows.add(new Object[] {"default." + p.name(), text(p.defaultValue())});
            }
        }
        rows.add(new Object[] {"default.detector", defaults.detectorType()});
        for (ParamSpec p : Detectors.byType(defaults.detectorType()).params()) {
            if (p.defaultValue() != null) {
                rows.add(new Object[] {"default." + p.name(), text(p.defaultValue())});
            }
        }
        rows.add(new Object[] {"default.log_level", LogLevelOption.DEFAULT.name()});
        return rows.toArray(Object[][]::new);
    }

    /** 0.01, 42, 0.005,0.02,0.1 — as one would type it on the command line. */
    private static String text(Object v) {
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object o : list) {
                parts.add(String.valueOf(o));
            }
            return String.join(",", parts);
        }
        return String.valueOf(v);
    }
}
