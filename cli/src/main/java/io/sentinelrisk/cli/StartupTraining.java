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
        SentinelCommand.neverOpenTheJar();   // as sentinel's main: its logging set-up is cached too
        Path dir = Files.createDirectories(Path.of(args[0]));
        Path csv = dir.resolve("training.csv");
        Files.writeString(csv, data(2_000, 42), StandardCharsets.UTF_8);
        String model = dir.resolve("training.srb").toString();
        // A labelled numeric file of whole numbers, like the public benchmark files (cover), larger
        // than the sample and the blocks asked for: train's sampled path (reservoir, kept blocks,
        // the training metrics) and a streamed score of several blocks with the report's metrics.
        Path counts = dir.resolve("counts.csv");
        Files.writeString(counts, labelledCounts(3_000, 7), StandardCharsets.UTF_8);
        String countsModel = dir.resolve("counts.srb").toString();
        String[][] runs = {
            {"--version"},
            {"--help"},
            {"train", "-i", csv.toString(), "-m", model, "--export-csv", dir.resolve("train.csv").toString(),
                "--export-json", dir.resolve("train.json").toString(), "--report", dir.resolve("train-report.json").toString()},
            {"score", "-i", csv.toString(), "--model", model, "--export-csv", dir.resolve("score.csv").toString(),
                "--export-json", dir.resolve("score.json").toString(), "--report", dir.resolve("score-report.json").toString()},
            {"train", "-i", counts.toString(), "-m", countsModel, "--train-sample", "1000", "--block-rows", "500",
                "--export-csv", dir.resolve("counts-train.csv").toString(), "--report", dir.resolve("counts-train.json").toString()},
            {"score", "-i", counts.toString(), "--model", countsModel, "--block-rows", "500",
                "--export-csv", dir.resolve("counts-score.csv").toString(), "--report", dir.resolve("counts-score.json").toString()},
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
        // Leave as sentinel's main does when a command fails: System.exit loads and starts the JDK's
        // logging of the exit (System.Logger, java.logging), which is then in the cache too.
        System.exit(0);
    }

    /** Five columns of whole numbers and a 0/1 {@code label} column, about 1% of rows outliers labelled 1. */
    static String labelledCounts(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("c1,c2,c3,c4,c5,label\n");
        for (int r = 0; r < rows; r++) {
            boolean odd = random.nextInt(100) == 0;
            for (int c = 1; c <= 5; c++) {
                long v = Math.round((odd ? 4_000 : 1_000) * c + random.nextGaussian() * 100 * c);
                sb.append(v).append(',');
            }
            sb.append(odd ? 1 : 0).append('\n');
        }
        return sb.toString();
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
