package io.sentinelrisk.cli;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.SentinelException;
import io.sentinelrisk.core.io.OutputTarget;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a command reads and writes, named by their flags and checked before any work starts
 * (docs/outputs.md, "Where outputs go"): at most one output is standard output; no output is
 * the same file as an input or another output, compared as files (device and inode, symlinks
 * followed; for a file not yet there, the real directory and the name), not as strings. Outputs
 * are the {@code Path} options marked {@link Output}; every other {@code Path} option is an input.
 */
final class OutputPlan {
    /** A path given to a flag. */
    record Named(String flag, Path path, boolean directory) {
        @Override
        public String toString() {
            return flag + " " + path;
        }
    }

    private final List<Named> inputs = new ArrayList<>();
    private final List<Named> outputs = new ArrayList<>();

    /** The plan of the command {@code spec}, from the values its options were given. */
    static OutputPlan of(CommandSpec spec) {
        OutputPlan plan = new OutputPlan();
        for (OptionSpec o : spec.options()) {
            if (!(o.userObject() instanceof Field field) || !(o.getValue() instanceof Path path)) {
                continue;
            }
            Output out = field.getAnnotation(Output.class);
            if (out != null) {
                plan.outputs.add(new Named(o.longestName(), path, out.directory()));
            } else {
                plan.inputs.add(new Named(o.longestName(), path, false));
            }
        }
        return plan;
    }

    /** Whether an output goes to standard output (then the command's own printing goes to stderr). */
    boolean writesStdout() {
        return outputs.stream().anyMatch(o -> OutputTarget.isStdout(o.path()));
    }

    /** Refuses (exit 2, one line naming the flags) what would destroy an input or lose an output. */
    void check() {
        Named stdout = null;
        for (Named o : outputs) {
            if (OutputTarget.isStdout(o.path())) {
                if (o.directory()) {
                    throw new InputException(o.flag() + " needs a directory, not standard output");
                }
                if (stdout != null) {
                    throw new InputException(stdout.flag() + " and " + o.flag()
                            + " both write to standard output; at most one output can be '-'");
                }
                stdout = o;
            } else if (o.directory()) {
                if (Files.exists(o.path()) && !Files.isDirectory(o.path())) {
                    throw new InputException(o + " is not a directory");
                }
            } else {
                OutputTarget.of(o.path());   // refuses a directory, a block device, a socket
            }
        }
        List<Named> seen = new ArrayList<>(inputs);
        for (Named o : outputs) {
            Object id = identity(o);
            if (id != null) {
                for (Named other : seen) {
                    if (id.equals(identity(other))) {
                        boolean input = inputs.contains(other);
                        throw new InputException(o + " is the same file as " + (input ? "the input " : "the output ") + other
                                + (input ? ": writing it would destroy the input" : ": one would overwrite the other")
                                + "; choose another output path");
                    }
                }
            }
            seen.add(o);
        }
    }

    /**
     * What tells files apart: the file key (device and inode) of an existing file, else the real
     * path of the nearest existing directory plus the rest of the name. Null for what may be
     * shared: standard input or output, a character device such as /dev/null.
     */
    private static Object identity(Named n) {
        Path p = n.path();
        if (OutputTarget.isStdout(p)) {
            return null;
        }
        try {
            Path abs = p.toAbsolutePath();
            try {
                BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class);
                if (a.isOther() && OutputTarget.kind(abs.toRealPath()) == OutputTarget.Special.CHARACTER_DEVICE) {
                    return null;
                }
                return a.fileKey() != null ? a.fileKey() : abs.toRealPath();
            } catch (NoSuchFileException e) {
                return notYetThere(OutputTarget.resolve(abs));
            }
        } catch (IOException e) {
            throw new SentinelException("cannot check " + n + ": " + e.getMessage(), e);
        }
    }

    /** The real path of the nearest existing ancestor of {@code abs}, with the missing rest appended. */
    private static Path notYetThere(Path abs) throws IOException {
        Path existing = abs;
        while (existing.getParent() != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
    }
}
