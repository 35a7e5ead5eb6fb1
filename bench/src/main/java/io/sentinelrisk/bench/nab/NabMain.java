package io.sentinelrisk.bench.nab;

import io.sentinelrisk.core.error.InputException;

import java.io.IOException;

/** The NAB tools' one way to end on bad input: one line on standard error, exit code 2. */
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
}
