package io.sentinelrisk.core.detect.iforest;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

/**
 * {@code StrictMath.pow(2.0, y)} against {@link Exp2#of}: thread CPU time and bytes allocated by
 * 286,048 calls (cover's rows) on y uniform in [-1.2, -0.8] (seeded; where scores' exponents lie),
 * eight rounds, each printed, with whether the two sums agree. In this package to reach the
 * package-private Exp2. Run it as {@code bin/sentinel} runs inputs under 128 MB, on the quick
 * compiler alone, where StrictMath's arrays are not removed:
 *
 * <pre>
 * bin/build -q -Pbench -pl bench -am package -DskipTests
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp bench/target/benchmarks.jar \
 *     io.sentinelrisk.core.detect.iforest.Exp2CpuTiming
 * </pre>
 */
public final class Exp2CpuTiming {
    private Exp2CpuTiming() {
    }

    public static void main(String[] args) {
        double[] y = new double[286_048];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < y.length; i++) {
            y[i] = -0.8 - 0.4 * random.nextDouble();
        }
        com.sun.management.ThreadMXBean bean =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 8; round++) {
            long a0 = bean.getCurrentThreadAllocatedBytes();
            long t0 = bean.getCurrentThreadCpuTime();
            double strict = 0;
            for (double v : y) {
                strict += StrictMath.pow(2.0, v);
            }
            long a1 = bean.getCurrentThreadAllocatedBytes();
            long t1 = bean.getCurrentThreadCpuTime();
            double exp2 = 0;
            for (double v : y) {
                exp2 += Exp2.of(v);
            }
            long a2 = bean.getCurrentThreadAllocatedBytes();
            long t2 = bean.getCurrentThreadCpuTime();
            System.out.printf("round %d: StrictMath.pow %.1f ms, %.1f MB; Exp2.of %.1f ms, %.1f MB; same sum: %b%n",
                    round, (t1 - t0) / 1e6, (a1 - a0) / 1e6, (t2 - t1) / 1e6, (a2 - a1) / 1e6, strict == exp2);
        }
    }
}
