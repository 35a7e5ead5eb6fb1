package io.sentinelrisk.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * {@link NumericCsvReadBenchmark}'s readers timed by the process's CPU time rather than the wall
 * clock, for a machine shared with other work (a busy machine stretches wall time, much less the
 * CPU time a read takes). Prints, per reader, the median of the runs in CPU seconds and MB/s of
 * CPU time (the file's size over the CPU time: MB/s per core when the reader uses one core).
 *
 * <pre>
 * bin/build -pl bench -am package -DskipTests
 * java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar io.sentinelrisk.bench.CsvReadCpuTiming [runs]
 * </pre>
 */
public final class CsvReadCpuTiming {
    private CsvReadCpuTiming() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (String reader : new String[] {"sentinel", "fastcsv", "duckdb"}) {
            NumericCsvReadBenchmark b = new NumericCsvReadBenchmark();
            b.reader = reader;
            b.writeFile();
            long bytes = java.nio.file.Files.size(b.file());
            for (int i = 0; i < 3; i++) {
                b.read();   // warm-up
            }
            double[] cpu = new double[runs];
            double[] wall = new double[runs];
            for (int i = 0; i < runs; i++) {
                System.gc();
                long c0 = os.getProcessCpuTime();
                long w0 = System.nanoTime();
                b.read();
                cpu[i] = (os.getProcessCpuTime() - c0) / 1e9;
                wall[i] = (System.nanoTime() - w0) / 1e9;
            }
            b.deleteFile();
            double c = median(cpu);
            double w = median(wall);
            System.out.printf("%-9s cpu %.3f s (%.0f MB/s of CPU time)  wall %.3f s (%.0f MB/s)  runs %s%n", reader, c,
                    bytes / 1e6 / c, w, bytes / 1e6 / w, Arrays.toString(cpu));
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
