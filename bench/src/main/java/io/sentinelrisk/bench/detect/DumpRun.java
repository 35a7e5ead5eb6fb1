package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.evaluate.Split;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The command line shared by the score dumps of the {@code auto} studies ({@link ScoreDump},
 * {@link StabilityDump}, {@link GeneratedPointsDump}):
 * {@code DATASETS OUT_DIR [threads, default 2] [set,set... or all rows] [member seed, default 1]}.
 *
 * @param only the set names to dump, or null for every set
 */
record DumpRun(Path datasets, Path out, int threads, Set<String> only, long seed) {

    static DumpRun parse(String[] args) throws IOException {
        DumpRun run = new DumpRun(Path.of(args[0]), Path.of(args[1]),
                args.length > 2 ? Integer.parseInt(args[2]) : 2,
                args.length > 3 ? Set.of(args[3].split(",")) : null,
                args.length > 4 ? Long.parseLong(args[4]) : 1);
        Files.createDirectories(run.out());
        return run;
    }

    /** What a dump does with one set under one protocol; {@code x} holds its fitted rows. */
    interface FittedRows {
        void dump(NumericCsv data, String protocol, Matrix x) throws IOException;
    }

    /**
     * For every wanted uncompressed set and each protocol (unsupervised, adbench, semi): the
     * fitted rows ({@link #fittedRows}), standardised on themselves as the prepare stage does.
     */
    void forEachFitted(FittedRows dump) throws IOException {
        for (Path file : files(false)) {
            NumericCsv data = NumericCsv.read(file);
            if (!wanted(data)) {
                continue;
            }
            for (String protocol : List.of("unsupervised", "adbench", "semi")) {
                Matrix rows = data.x().selectRows(fittedRows(data.labels(), protocol));
                dump.dump(data, protocol, ScoreDump.standardise(rows, rows)[0]);
            }
        }
    }

    /** The labelled CSV files in name order ({@code .csv.gz} too when {@code gz}). */
    List<Path> files(boolean gz) throws IOException {
        try (Stream<Path> s = Files.list(datasets)) {
            return s.filter(p -> p.toString().endsWith(".csv") || gz && p.toString().endsWith(".csv.gz")).sorted().toList();
        }
    }

    boolean wanted(NumericCsv data) {
        return only == null || only.contains(data.name());
    }

    /**
     * The fitted rows under a protocol, as {@link ScoreDump} fits them: every row
     * (unsupervised), ADBench's stratified 70% (adbench), the normal rows of a stratified 80%
     * (semi); split seed 1.
     */
    static int[] fittedRows(int[] labels, String protocol) {
        return switch (protocol) {
            case "unsupervised" -> IntStream.range(0, labels.length).toArray();
            case "adbench" -> Split.stratified(labels, 0.7, 1).train();
            default -> Split.withLabel(Split.stratified(labels, 0.8, 1).train(), labels, 0);
        };
    }

    /** 0..n-1 in a seeded random order (Fisher-Yates). */
    static int[] shuffled(int n, Random r) {
        int[] perm = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }
}
