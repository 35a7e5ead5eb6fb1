package io.sentinelrisk.cli.flink;

import io.sentinelrisk.core.error.InputException;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the Flink job jar is: $SENTINEL_FLINK_JOB_JAR, else beside sentinel.jar (an installed
 * copy), else in stream-flink/target of the source tree sentinel.jar was built in.
 */
final class FlinkJobJar {
    static final String NAME = "sentinel-flink-job.jar";
    static final String ENV = "SENTINEL_FLINK_JOB_JAR";

    private FlinkJobJar() {
    }

    static Path find() {
        List<Path> tried = new ArrayList<>();
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (Files.isRegularFile(p)) {
                return p;
            }
            throw new InputException(ENV + "=" + env + " is not a file: point it at " + NAME);
        }
        Path here = codeLocation();
        if (here != null) {
            Path dir = Files.isDirectory(here) ? here : here.getParent();
            tried.add(dir.resolve(NAME));
            // cli/target/sentinel.jar (or cli/target/classes) in the source tree → stream-flink/target
            Path root = dir.getFileName() != null && dir.getFileName().toString().equals("classes") ? dir.getParent() : dir;
            if (root != null && root.getParent() != null && root.getParent().getParent() != null) {
                tried.add(root.getParent().getParent().resolve("stream-flink").resolve("target").resolve(NAME));
            }
        }
        for (Path p : tried) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new InputException("the Flink job jar " + NAME + " is not built (looked for " + String.join(", ",
                tried.stream().map(Path::toString).toList()) + "): build it with bin/build, or set " + ENV);
    }

    private static Path codeLocation() {
        try {
            var src = FlinkJobJar.class.getProtectionDomain().getCodeSource();
            return src == null ? null : Path.of(src.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
