package io.sentinelrisk.bench;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.synth.scenario.InjectionResult;
import io.sentinelrisk.synth.scenario.ScenarioInjector;
import io.sentinelrisk.synth.scenario.ScenarioLoader;
import io.sentinelrisk.synth.scenario.ScenarioSet;
import io.sentinelrisk.synth.soc.SocConfig;
import io.sentinelrisk.synth.soc.SocData;
import io.sentinelrisk.synth.soc.SocGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Time to generate SOC events in memory (users × 200 events: 40,000 and 1,000,000 rows) and to
 * inject the shipped scenarios into 40,000 events. Run:
 * {@code java -jar bench/target/benchmarks.jar SynthBenchmark}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class SynthBenchmark {

    /** The generator's size and thread count. */
    @State(Scope.Benchmark)
    public static class Generation {
        @Param({"200", "5000"})
        int users;

        @Param({"1", "2"})
        int threads;

        SocConfig config;

        @Setup(Level.Trial)
        public void setUp() {
            config = SocConfig.defaults().withUsers(users);
        }
    }

    /** 40,000 generated events and the shipped scenarios. */
    @State(Scope.Benchmark)
    public static class Injection {
        Frame events;
        ScenarioSet scenarios;

        @Setup(Level.Trial)
        public void setUp() {
            events = SocGenerator.generate(SocConfig.defaults()).events();
            scenarios = ScenarioLoader.shipped();
        }
    }

    @Benchmark
    public SocData generateSoc(Generation g) {
        return SocGenerator.generate(g.config, g.threads);
    }

    @Benchmark
    public InjectionResult injectShippedInto40k(Injection i) {
        return ScenarioInjector.inject(i.events, i.scenarios, 42);
    }
}
