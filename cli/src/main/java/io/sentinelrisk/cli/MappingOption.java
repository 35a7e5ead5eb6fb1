package io.sentinelrisk.cli;

import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.mapping.BusinessMapping;
import io.sentinelrisk.core.mapping.CompiledMapping;
import io.sentinelrisk.core.pipeline.Pipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** {@code --mapping FILE|pack:NAME}: the business mapping a model carries (train, demo, evaluate). */
public final class MappingOption {
    /** Looked up when first used: a static logger would start logging when picocli merely builds the command (for --help too). */
    private static Logger log() {
        return LoggerFactory.getLogger(MappingOption.class);
    }

    @Option(names = "--mapping", paramLabel = "FILE|pack:NAME",
            description = "Business mapping (docs/mapping.md): categories with cost, SLA, action, escalation and a narrative "
                    + "for each alert; a YAML file or pack:soc, pack:transactions, pack:web-session, pack:metrics. "
                    + "The bundle keeps it, so score and predict need no flag.")
    String mapping;

    /**
     * The mapping, read and checked against the columns of the data to train on before any
     * fitting: a bad file fails in a second, not after the model is fitted. Null without --mapping.
     */
    BusinessMapping load(Schema data) {
        return load(mapping, data);
    }

    static BusinessMapping load(String ref, Schema data) {
        if (ref == null) {
            return null;
        }
        BusinessMapping m = BusinessMapping.load(ref);
        CompiledMapping checked = m.compile(data);
        for (String skipped : checked.skipped()) {
            log().warn("--mapping {}: category {} is left out", ref, skipped);
        }
        return m;
    }

    /** The pipeline with the mapping when there is one. */
    static Pipeline apply(Pipeline pipeline, BusinessMapping m) {
        return m == null ? pipeline : pipeline.withMapping(m);
    }
}
