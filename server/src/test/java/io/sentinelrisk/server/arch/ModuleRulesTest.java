package io.sentinelrisk.server.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import io.sentinelrisk.core.detect.FittedDetector;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** DESIGN.md's rules for the {@code server} module, checked on its compiled main classes. */
@AnalyzeClasses(packages = "io.sentinelrisk.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {
    /** The server uses core and features, never the CLI (the CLI calls the server). */
    @ArchTest
    static final ArchRule serverKnowsNoCli = noClasses().that().resideInAPackage("io.sentinelrisk.server..")
            .should().dependOnClassesThat().resideInAnyPackage("io.sentinelrisk.cli..", "picocli..", "io.sentinelrisk.report..");

    /**
     * One scoring path: the server scores through core's pipeline, never a detector of its own
     * (it only hands a fitted detector on, unchanged, when it recalibrates a pipeline).
     */
    @ArchTest
    static final ArchRule serverKnowsNoDetector = noClasses().that().resideInAPackage("io.sentinelrisk.server..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.sentinelrisk.core.detect..")
                    .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(FittedDetector.class))));

    /** Stores know nothing of HTTP. */
    @ArchTest
    static final ArchRule storesKnowNoHttp = noClasses().that().resideInAPackage("io.sentinelrisk.server.store..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..", "io.sentinelrisk.server.api..");

    @ArchTest
    static final ArchRule noCycleBetweenPackages = slices().matching("io.sentinelrisk.server.(*)..").should().beFreeOfCycles();
}
