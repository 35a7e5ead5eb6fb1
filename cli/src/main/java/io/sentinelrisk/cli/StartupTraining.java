package io.sentinelrisk.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The training run behind the start-up cache that {@code bin/build} makes (a JDK AOT cache, or an
 * AppCDS archive on JDKs before 25): runs the typical commands once in one JVM, on a small
 * generated file, so that the classes they load are archived already parsed, verified and linked.
 * Not a user command; {@code bin/build} runs it as
 * {@code java -XX:AOTCacheOutput=... -cp sentinel.jar io.sentinelrisk.cli.StartupTraining DIR}.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining WORK_DIR");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        Path csv = dir.resolve("training.csv");
        Files.writeString(csv, data(2_000, 42), StandardCharsets.UTF_8);
        String model = dir.resolve("training.srb").toString();
        String[][] runs = {
            {"--version"},
            {"--help"},
            {"train", "-i", csv.toString(), "-m", model, "--export-csv", dir.resolve("train.csv").toString(),
                "--export-json", dir.resolve("train.json").toString(), "--report", dir.resolve("train-report.json").toString()},
            {"score", "-i", csv.toString(), "--model", model, "--export-csv", dir.resolve("score.csv").toString(),
                "--export-json", dir.resolve("score.json").toString(), "--report", dir.resolve("score-report.json").toString()},
            {"predict", "-m", model, "--record", "{\"amount\": 912.5, \"count\": 3, \"channel\": \"web\"}"},
            {"score", "--help"},
            {"config", "defaults"},
        };
        for (String[] run : runs) {   // the commands print to standard output: bin/build discards it
            int code = SentinelCommand.run(run);
            if (code != 0) {
                throw new IllegalStateException("training run 'sentinel " + String.join(" ", run) + "' exited " + code);
            }
        }
        // Leave as sentinel's main does: System.exit loads and starts the JDK's logging of the exit
        // (System.Logger, java.logging), which is then in the cache too instead of read at every exit.
        System.exit(0);
    }

    /** A small mixed file: two numeric columns, one categorical, a few outliers. */
    static String data(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] channels = {"web", "app", "branch"};
        StringBuilder sb = new StringBuilder("amount,count,channel\n");
        for (int r = 0; r < rows; r++) {
            boolean odd = r % 97 == 0;
            double amount = odd ? 5_000 + random.nextDouble() * 1_000 : 100 + random.nextGaussian() * 20;
            sb.append(String.format(Locale.ROOT, "%.2f", amount)).append(',')
                    .append(odd ? 40 + random.nextInt(10) : random.nextInt(6)).append(',')
                    .append(channels[random.nextInt(channels.length)]).append('\n');
        }
        return sb.toString();
    }
}
