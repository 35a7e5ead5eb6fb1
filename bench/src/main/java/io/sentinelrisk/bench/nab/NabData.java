package io.sentinelrisk.bench.nab;

import io.sentinelrisk.core.evaluate.nab.NabFiles;
import io.sentinelrisk.core.evaluate.nab.NabWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;

/** The NAB data files present under a NAB folder, with their labelled windows, in a fixed order. */
record NabData(Path nab, List<NabData.File> files) {

    /** One data file: {@code key} is NAB's name {@code <category>/<file>.csv}. */
    record File(String key, String category, long[] timestamps, double[] values, List<NabWindow> windows) {
    }

    static NabData load(Path nab) throws IOException {
        Map<String, List<NabWindow>> windows = NabFiles.readWindows(nab.resolve("labels/combined_windows.json"));
        Path data = nab.resolve("data");
        List<Path> csvs;
        try (Stream<Path> s = Files.walk(data)) {
            csvs = s.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
        }
        List<File> files = new ArrayList<>();
        for (Path f : csvs) {
            String key = data.relativize(f).toString().replace('\\', '/');
            List<NabWindow> w = windows.get(key);
            if (w == null) {
                throw new IllegalArgumentException("no labelled windows for " + key);
            }
            NabFiles.Table t = NabFiles.readTable(f);
            files.add(new File(key, key.substring(0, key.indexOf('/')), t.timestamps(), t.column("value"), w));
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no NAB data files under " + data);
        }
        return new NabData(nab, List.copyOf(files));
    }

    /** Writes the scores in NAB's results layout: {@code out/<category>/<detector>_<file>.csv}. */
    void write(Path out, String detector, double[][] scores) throws IOException {
        for (int i = 0; i < files.size(); i++) {
            File f = files.get(i);
            Path target = out.resolve(f.category()).resolve(detector + "_" + f.key().substring(f.key().indexOf('/') + 1));
            Files.createDirectories(target.getParent());
            try (java.io.Writer w = Files.newBufferedWriter(target, java.nio.charset.StandardCharsets.UTF_8)) {
                w.write("timestamp,value,anomaly_score\n");
                for (int r = 0; r < f.values().length; r++) {
                    w.write(NabFiles.format(f.timestamps()[r]) + "," + f.values()[r] + "," + scores[i][r] + "\n");
                }
            }
        }
    }

    /**
     * The detector's scores of every file, files run in parallel on {@code threads} threads (each
     * file has its own detector, so the scores do not depend on the thread count).
     */
    double[][] scoreAll(Function<File, double[]> detector, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (File f : files) {
                futures.add(pool.submit(() -> detector.apply(f)));
            }
            double[][] out = new double[files.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = futures.get(i).get();
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
