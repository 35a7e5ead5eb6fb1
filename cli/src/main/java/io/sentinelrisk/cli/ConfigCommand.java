package io.sentinelrisk.cli;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.codec.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code sentinel config}: print the defaults, or check a file and print its effective config. */
@Command(name = "config", mixinStandardHelpOptions = true,
        header = "Show every config key with its default, or check a config file.",
        description = "Shows every config key with its default and meaning, or checks a config file.",
        subcommands = {ConfigCommand.Defaults.class, ConfigCommand.Check.class})
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "defaults", mixinStandardHelpOptions = true,
            description = "Prints every key with its default and meaning, as a YAML file you can start from.")
    static final class Defaults implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            out.println("# SentinelRisk configuration: every key, its default and meaning.");
            out.println("# Use as YAML or JSON with --config; command-line flags override it.");
            print(out, SentinelConfig.TOP_LEVEL, "", List.of("preprocessing", "explain", "detector"));
            out.println("preprocessing:");
            print(out, SentinelConfig.PREPROCESSING, "  ", List.of());
            out.println("explain:");
            print(out, SentinelConfig.EXPLAIN, "  ", List.of());
            out.println("detector:");
            out.println("  # one of: " + String.join(", ", Detectors.types()));
            out.println("  type: iforest");
            for (DetectorFactory f : Detectors.all()) {
                out.println("  # --- " + f.type() + ": " + f.description());
                for (ParamSpec p : f.params()) {
                    out.println("  # " + p.name() + ": " + yaml(p.defaultValue()) + "   # " + p.description()
                            + " (" + io.sentinelrisk.core.config.Params.expected(p) + ")");
                }
            }
            out.flush();
        }

        private static void print(PrintWriter out, List<ParamSpec> specs, String indent, List<String> skip) {
            for (ParamSpec p : specs) {
                if (skip.contains(p.name())) {
                    continue;
                }
                if (p.defaultValue() == null) {
                    out.println(indent + "# " + p.name() + ":   # " + p.description());
                } else if (p.kind() == ParamSpec.Kind.MAP) {
                    out.println(indent + "# " + p.name() + ": {}   # " + p.description());
                } else {
                    out.println(indent + p.name() + ": " + yaml(p.defaultValue()) + "   # " + p.description());
                }
            }
        }

        private static String yaml(Object v) {
            if (v == null) {
                return "null";
            }
            if (v instanceof String s) {
                return s.isEmpty() || s.matches(".*[:#'\"\\\\{}\\[\\],].*") || s.equals("\t") ? Json.line(s) : s;
            }
            return Json.line(v);
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Checks a config file and prints the effective config (every key resolved) as JSON.")
    static final class Check implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "YAML or JSON config file.")
        Path file;

        @Override
        public void run() {
            SentinelConfig cfg = SentinelConfig.load(file, Map.of());
            spec.commandLine().getOut().print(new String(Json.bytes(cfg.toMap()), java.nio.charset.StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
        }
    }
}
