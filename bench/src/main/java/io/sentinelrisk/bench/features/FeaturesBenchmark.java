package io.sentinelrisk.bench.features;

import io.sentinelrisk.features.FeatureStore;
import io.sentinelrisk.features.engine.DbTarget;
import io.sentinelrisk.features.engine.InputRef;
import io.sentinelrisk.features.plan.Planner;
import io.sentinelrisk.features.spec.FeatureSpec;
import io.sentinelrisk.features.spec.Packs;
import io.sentinelrisk.features.stream.EventRow;
import io.sentinelrisk.features.stream.StreamingFeatures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Measures the soc pack on a generated SOC event log (docs/features-benchmarks.md):
 * <ul>
 * <li>batch build on embedded DuckDB: read CSV, compute, write Parquet (and CSV), wall time;</li>
 * <li>the same build on PostgreSQL;</li>
 * <li>streaming engine throughput on one thread, events already in memory.</li>
 * </ul>
 * Usage: {@code java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.features.FeaturesBenchmark
 * [--events 1000000] [--users 20000] [--dir target/features-bench] [--repeat 3] [--pg URL | --no-pg]
 * [--only duckdb|postgresql|stream]}
 */
public final class FeaturesBenchmark {
    private FeaturesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = 1_000_000;
        int users = 20_000;
        int repeat = 3;
        Path dir = Path.of("target/features-bench");
        String pg = DbTarget.testPostgresUrl();
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--users" -> users = Integer.parseInt(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--pg" -> pg = args[++i];
                case "--no-pg" -> pg = null;
                case "--only" -> only = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Files.createDirectories(dir);
        final Path out = dir;
        SocEvents.Columns cols = SocEvents.generate(events, users, 42);
        Path csv = dir.resolve("soc-" + events + ".csv");
        if (!Files.exists(csv)) {
            SocEvents.writeCsv(cols, csv);
        }
        FeatureSpec spec = Packs.load("soc");
        System.out.printf(Locale.ROOT, "soc pack, %,d events, %,d users, %s (%.0f MB), %d cores%n", events, users, csv,
                Files.size(csv) / 1e6, Runtime.getRuntime().availableProcessors());

        if (only == null || only.equals("duckdb")) {
            time("duckdb   csv -> parquet", repeat, () -> build(spec, csv, out.resolve("soc-features.parquet"), Optional.empty()));
            time("duckdb   csv -> csv    ", repeat, () -> build(spec, csv, out.resolve("soc-features.csv"), Optional.empty()));
        }
        if (pg != null && (only == null || only.equals("postgresql"))) {
            DbTarget db = DbTarget.parse(pg);
            time("postgres csv -> parquet", Math.min(repeat, 2), () -> build(spec, csv, out.resolve("soc-features-pg.parquet"), Optional.of(db)));
        }
        if (only == null || only.equals("stream")) {
            streaming(spec, cols, repeat);
        }
    }

    private static String build(FeatureSpec spec, Path in, Path out, Optional<DbTarget> db) {
        FeatureStore.BuildReport r = FeatureStore.build(new FeatureStore.Build(spec, new InputRef.File(in), out, db, FeatureStore.Engine.SQL));
        return String.format(Locale.ROOT, "load %.2f s, compute %.2f s, write %.2f s", r.loadMillis() / 1e3, r.computeMillis() / 1e3,
                r.writeMillis() / 1e3);
    }

    private interface Run {
        String run() throws Exception;
    }

    private static void time(String what, int repeat, Run run) throws Exception {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            String detail = run.run();
            double s = (System.nanoTime() - t0) / 1e9;
            seconds.add(s);
            System.out.printf(Locale.ROOT, "  %s  run %d: %.2f s  (%s)%n", what, i + 1, s, detail);
        }
        seconds.sort(Double::compare);
        System.out.printf(Locale.ROOT, "%s  best %.2f s, median %.2f s%n", what, seconds.get(0), seconds.get(seconds.size() / 2));
    }

    private static void streaming(FeatureSpec spec, SocEvents.Columns c, int repeat) {
        int n = c.ts().length;
        List<Double> rates = new ArrayList<>();
        List<Double> cpuRates = new ArrayList<>();
        double checksum = 0;
        for (int rep = 0; rep <= repeat; rep++) {
            StreamingFeatures f = new StreamingFeatures(Planner.plan(spec));
            EventRow row = f.newRow();
            double[] out = new double[f.outputCount()];
            int sUser = f.slot("user");
            int sType = f.slot("event_type");
            int sOk = f.slot("success");
            int sHour = f.slot("hour");
            int sIn = f.slot("bytes_in");
            int sOut = f.slot("bytes_out");
            int sDev = f.slot("device_id");
            int sCountry = f.slot("country");
            int sLat = f.slot("lat");
            int sLon = f.slot("lon");
            java.lang.management.ThreadMXBean tmx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = tmx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                row.timestamp(c.ts()[i]);
                row.text(sUser, c.user()[i]).text(sType, c.eventType()[i]).bool(sOk, c.success()[i]).number(sHour, c.hour()[i])
                        .number(sIn, c.bytesIn()[i]).number(sOut, c.bytesOut()[i]).text(sDev, c.device()[i])
                        .text(sCountry, c.country()[i]).number(sLat, c.lat()[i]).number(sLon, c.lon()[i]);
                f.process(row, out);
                checksum += out[1];
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (tmx.getCurrentThreadCpuTime() - c0) / 1e9;
            if (rep > 0) {
                rates.add(n / s);
                cpuRates.add(n / cpu);
            }
            System.out.printf(Locale.ROOT, "  stream   one thread  run %d%s: %.2f s wall (%,.0f events/s), %.2f s cpu (%,.0f events/cpu-s), "
                    + "%,d entities held%n", rep, rep == 0 ? " (warm-up)" : "", s, n / s, cpu, n / cpu, f.entities());
        }
        rates.sort(Double::compare);
        cpuRates.sort(Double::compare);
        System.out.printf(Locale.ROOT, "stream     one thread  best %,.0f events/s, median %,.0f events/s; per cpu-second: best %,.0f, "
                + "median %,.0f (checksum %.0f)%n", rates.get(rates.size() - 1), rates.get(rates.size() / 2),
                cpuRates.get(cpuRates.size() - 1), cpuRates.get(cpuRates.size() / 2), checksum);
    }
}
