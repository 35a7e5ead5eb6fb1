package io.sentinelrisk.features.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** DESIGN.md's rules for the {@code features} module, checked on its compiled main classes. */
@AnalyzeClasses(packages = "io.sentinelrisk.features", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {
    /** Features are computed before any detector sees a row: the module knows no detector. */
    @ArchTest
    static final ArchRule featuresKnowNoDetector = noClasses().that().resideInAPackage("io.sentinelrisk.features..")
            .should().dependOnClassesThat().resideInAPackage("io.sentinelrisk.core.detect..");

    /** Only modules listed below it in the reactor may use it, never the other way round. */
    @ArchTest
    static final ArchRule featuresKnowNoModuleBelow = noClasses().that().resideInAPackage("io.sentinelrisk.features..")
            .should().dependOnClassesThat().resideInAnyPackage("io.sentinelrisk.synth..", "io.sentinelrisk.report..",
                    "io.sentinelrisk.cli..", "picocli..");

    @ArchTest
    static final ArchRule noCycleBetweenPackages = slices().matching("io.sentinelrisk.features.(*)..").should().beFreeOfCycles();
}
