package io.sentinelrisk.bench.nab;

import io.sentinelrisk.core.error.InputException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the NAB tools share: where the NAB data is by default, reading {@code --name value} options,
 * and ending on bad input with one line on standard error and exit code 2.
 */
final class NabMain {
    private NabMain() {
    }

    /** A tool's body: parses its arguments and runs. */
    @FunctionalInterface
    interface Body {
        void run(String[] args) throws IOException;
    }

    static void run(String[] args, Body body) throws IOException {
        try {
            body.run(args);
        } catch (InputException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    /** NAB's data in the shared datasets, as seen from the project's root. */
    static final Path DEFAULT_NAB = Path.of("../shared/datasets/nab");

    /** One {@code --name value} option. */
    record Option(String name, String value) {
    }

    /** The arguments as {@code --name value} pairs; an option without its value is refused. */
    static List<Option> options(String[] args) {
        List<Option> options = new ArrayList<>(args.length / 2);
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            options.add(new Option(args[i], args[i + 1]));
        }
        return options;
    }
}
