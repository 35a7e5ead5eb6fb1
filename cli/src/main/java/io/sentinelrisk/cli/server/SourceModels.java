package io.sentinelrisk.cli.server;

import io.sentinelrisk.server.scoring.Sources;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code --model} values of serve: {@code FILE.srb} (the default model) or
 * {@code SOURCE=FILE.srb} (a source's model), at most one per source.
 *
 * @param fallback the default model, or null
 * @param bySource the models of named sources
 */
record SourceModels(Path fallback, Map<String, Path> bySource) {
    static SourceModels parse(List<String> values, CommandLine cmd) {
        Path fallback = null;
        Map<String, Path> bySource = new TreeMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            String source = eq > 0 ? v.substring(0, eq) : null;
            if (source != null && Sources.validName(source)) {
                Path file = Path.of(v.substring(eq + 1));
                if (source.equals(Sources.DEFAULT)) {
                    fallback = once(fallback, file, Sources.DEFAULT, cmd);
                } else if (bySource.put(source, file) != null) {
                    throw twice(source, cmd);
                }
            } else {
                fallback = once(fallback, Path.of(v), Sources.DEFAULT, cmd);
            }
        }
        return new SourceModels(fallback, bySource);
    }

    private static Path once(Path before, Path file, String source, CommandLine cmd) {
        if (before != null) {
            throw twice(source, cmd);
        }
        return file;
    }

    private static CommandLine.ParameterException twice(String source, CommandLine cmd) {
        return new CommandLine.ParameterException(cmd, "--model: two models for source '" + source
                + "'; give one per source (FILE.srb is the default source " + Sources.DEFAULT + ")");
    }
}
