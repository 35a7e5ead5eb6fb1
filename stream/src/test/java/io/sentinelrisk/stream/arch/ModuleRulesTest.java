package io.sentinelrisk.stream.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.sentinelrisk.core.detect.FittedDetector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** DESIGN.md's rules for the {@code stream} module, checked on its compiled main classes. */
@AnalyzeClasses(packages = "io.sentinelrisk.stream", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {
    /** The stream module uses core and features, never the modules below it. */
    @ArchTest
    static final ArchRule usesOnlyModulesAbove = noClasses().that().resideInAPackage("io.sentinelrisk.stream..")
            .should().dependOnClassesThat().resideInAnyPackage("io.sentinelrisk.cli..", "io.sentinelrisk.server..",
                    "io.sentinelrisk.report..", "io.sentinelrisk.synth..", "picocli..");

    /**
     * The engine-neutral scorer knows no engine and no transport: a Flink job (with its own Kafka
     * client) builds on it without pulling in this module's Kafka code.
     */
    @ArchTest
    static final ArchRule scorerIsEngineNeutral = noClasses().that().resideInAPackage("io.sentinelrisk.stream")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.sentinelrisk.stream.kafka..",
                    "io.sentinelrisk.stream.sim..");

    /** One scoring path: through core's pipeline, never a detector of its own. */
    @ArchTest
    static final ArchRule knowsNoDetector = noClasses().that().resideInAPackage("io.sentinelrisk.stream..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.sentinelrisk.core.detect..")
                    .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(FittedDetector.class))));

    @ArchTest
    static final ArchRule noCycleBetweenPackages = slices().matching("io.sentinelrisk.stream.(*)..").should().beFreeOfCycles();
}
