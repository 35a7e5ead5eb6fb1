package io.sentinelrisk.bench;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Two builds' CSV reading compared in one JVM, on one thread, by CPU time: each build's jar gets
 * a class loader of its own, and {@link CsvReadPass} reads the file with one, then the other,
 * the order swapped every round (the first four rounds are warm-up). On a machine shared with
 * other work this separates differences of a few percent that whole-process runs cannot.
 *
 * <pre>
 * bin/build -q -Pbench -pl bench -am package -DskipTests
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+AlwaysPreTouch -Xms2g -Xmx2g -cp bench/target/classes \
 *   io.sentinelrisk.bench.CsvReadAlternating BEFORE.jar AFTER.jar FILE.csv forced|infer [rounds]
 * </pre>
 * BEFORE and AFTER are class paths: a directory of changed classes before a jar tries one change
 * alone. The classes directory holds {@link CsvReadPass} but not the product's classes: each loader
 * finds the product in its jar (so this class names CsvReadPass by its name only).
 */
public final class CsvReadAlternating {
    private CsvReadAlternating() {
    }

    public static void main(String[] args) throws Exception {
        boolean infer = args[3].equals("infer");
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 24;
        URL classes = CsvReadAlternating.class.getProtectionDomain().getCodeSource().getLocation();
        Method[] read = new Method[2];
        for (int k = 0; k < 2; k++) {
            List<URL> path = new ArrayList<>();
            for (String entry : args[k].split(File.pathSeparator)) {
                path.add(Path.of(entry).toUri().toURL());
            }
            path.add(classes);
            URLClassLoader loader = new URLClassLoader(path.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            read[k] = loader.loadClass("io.sentinelrisk.bench.CsvReadPass").getMethod("run", String.class, boolean.class);
        }
        List<List<Double>> ms = List.of(new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < 2; i++) {
                int k = r % 2 == 0 ? i : 1 - i;
                System.gc();
                double t = (Long) read[k].invoke(null, args[2], infer) / 1e6;
                if (r >= 4) {
                    ms.get(k).add(t);
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            List<Double> v = ms.get(k);
            Collections.sort(v);
            System.out.printf("%s %s: median %.1f ms of CPU (min %.1f, %d reads)%n", k == 0 ? "before" : "after ", args[k],
                    v.get(v.size() / 2), v.get(0), v.size());
        }
    }
}
