package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.pipeline.Detectors;

/**
 * Prints the parameter reference of every registered detector as Markdown, from the factories'
 * own ParamSpecs (so the docs cannot drift from the code):
 * {@code java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.detect.DetectorDocs}
 */
public final class DetectorDocs {
    private DetectorDocs() {
    }

    public static void main(String[] args) {
        StringBuilder md = new StringBuilder();
        for (DetectorFactory f : Detectors.all()) {
            md.append("### `").append(f.type()).append("`").append(f.supervised() ? " (supervised)" : "").append("\n\n");
            md.append(f.description()).append("\n\n");
            if (f.params().isEmpty()) {
                md.append("No parameters.\n\n");
                continue;
            }
            md.append("| parameter | values | default | meaning |\n|---|---|---|---|\n");
            for (ParamSpec p : f.params()) {
                md.append("| `").append(p.name()).append("` | ").append(Params.expected(p)).append(" | `")
                        .append(p.defaultValue()).append("` | ").append(p.description().replace("|", "\\|")).append(" |\n");
            }
            md.append('\n');
        }
        System.out.print(md);
    }
}
