package io.sentinelrisk.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code sentinel} command as a real process, the way users do. */
final class SentinelProcess {
    /** What a run printed and how it ended. */
    record Result(int exitCode, String out, String err) {
    }

    private SentinelProcess() {
    }

    static Path jar() {
        String jar = System.getProperty("sentinel.jar", "target/sentinel.jar");
        Path p = Path.of(jar);
        if (!Files.exists(p)) {
            throw new IllegalStateException("the packaged command is missing: " + p + " (run the verify phase)");
        }
        return p;
    }

    /**
     * The command line of a run, without redirections (for tests that send signals or choose
     * where stdout goes). SENTINEL_JAVA_OPTS in {@code env} adds JVM options, as bin/sentinel does.
     */
    static ProcessBuilder command(Path workDir, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Xmx1g");
        // the forest's walk in C beside the jar, as bin/sentinel passes it
        Path walk = jar().toAbsolutePath().resolveSibling("libsentinel-forest.so");
        if (Files.exists(walk)) {
            cmd.add("-Dsentinel.forest.native=" + walk);
        }
        String opts = env.getOrDefault("SENTINEL_JAVA_OPTS", "").strip();
        if (!opts.isEmpty()) {
            cmd.addAll(List.of(opts.split("\\s+")));
        }
        cmd.add("-jar");
        cmd.add(jar().toAbsolutePath().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().remove("SOURCE_DATE_EPOCH");
        pb.environment().putAll(env);
        return pb;
    }

    static Result run(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = command(workDir, env, args);
        Path out = Files.createTempFile(workDir, ".out", ".txt");
        Path err = Files.createTempFile(workDir, ".err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        // generous: a command of a few seconds idle can take ten times longer on a loaded machine
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("sentinel " + String.join(" ", args) + " did not finish in 300 s");
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, Map.of(), args);
    }

    /** Runs {@code sentinel generate soc ARGS} in {@code workDir}; a failure fails the test with its stderr. */
    static void generateSoc(Path workDir, String... args) throws IOException, InterruptedException {
        String[] line = new String[args.length + 2];
        line[0] = "generate";
        line[1] = "soc";
        System.arraycopy(args, 0, line, 2, args.length);
        Result r = run(workDir, line);
        if (r.exitCode() != 0) {
            throw new AssertionError("sentinel generate soc exited " + r.exitCode() + ": " + r.err());
        }
    }
}
