package io.sentinelrisk.cli;

import java.util.LinkedHashMap;
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
}
