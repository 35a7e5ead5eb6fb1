package io.sentinelrisk.core.arch;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.xgboost.XgboostModel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house rules of DESIGN.md and docs/architecture.md for {@code core}, checked on the compiled
 * main classes. A rule that fails names the offending classes and the dependency.
 */
@AnalyzeClasses(packages = "io.sentinelrisk.core", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTest {
    private static final String CORE = "io.sentinelrisk.core";

    /** The rooms of core (top-level packages) form no cycle: each can be understood from below. */
    @ArchTest
    static final ArchRule noCycleBetweenRooms = noCycleBetweenRooms(CORE);

    /** Nor do the packages inside a room (e.g. a detector's package and {@code detect} itself). */
    @ArchTest
    static final ArchRule noCycleBetweenPackages = noCycleBetweenPackages(CORE);

    static ArchRule noCycleBetweenRooms(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    static ArchRule noCycleBetweenPackages(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    /** core knows no other module, no CLI, HTTP, SQL engine or Kafka (DESIGN.md, modules table). */
    @ArchTest
    static final ArchRule coreKnowsNoOtherModuleOrTransport = noClasses().that().resideInAPackage(CORE + "..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.sentinelrisk.features..", "io.sentinelrisk.synth..", "io.sentinelrisk.report..",
                    "io.sentinelrisk.cli..", "io.sentinelrisk.server..", "io.sentinelrisk.stream..",
                    "picocli..", "java.sql..", "javax.sql..", "org.duckdb..", "org.postgresql..",
                    "java.net.http..", "com.sun.net.httpserver..", "jakarta.servlet..", "io.javalin..",
                    "org.eclipse.jetty..", "org.apache.kafka..", "org.apache.flink..");

    /** The foundations (values, errors, codecs, config schema, utilities) use nothing above them. */
    @ArchTest
    static final ArchRule foundationsDependOnNothingAbove = noClasses()
            .that().resideInAnyPackage(CORE + ".codec..", CORE + ".config..", CORE + ".data..",
                    CORE + ".error..", CORE + ".util..")
            .should().dependOnClassesThat().resideInAnyPackage(CORE + ".detect..", CORE + ".prepare..",
                    CORE + ".explain..", CORE + ".calibrate..", CORE + ".pipeline..", CORE + ".bundle..",
                    CORE + ".export..", CORE + ".evaluate..", CORE + ".ingest..", CORE + ".io..",
                    CORE + ".metrics..");

    /**
     * Detectors fit and score prepared matrices: they know nothing of the pipeline around them, of
     * bundles (their parts go through {@code codec}), of exports, explanations or input files.
     */
    @ArchTest
    static final ArchRule detectorsStayInTheirRoom = noClasses().that().resideInAPackage(CORE + ".detect..")
            .should().dependOnClassesThat().resideInAnyPackage(CORE + ".pipeline..", CORE + ".bundle..",
                    CORE + ".export..", CORE + ".evaluate..", CORE + ".explain..", CORE + ".prepare..",
                    CORE + ".calibrate..", CORE + ".ingest..", CORE + ".io..");

    /**
     * A business mapping reads a scored record (its columns, scores and reasons) and nothing of
     * how it was scored, stored or exported, so every front end can apply it; the expression
     * language it shares with feature specs knows nothing at all.
     */
    @ArchTest
    static final ArchRule mappingReadsRecordsOnly = noClasses().that().resideInAPackage(CORE + ".mapping..")
            .should().dependOnClassesThat().resideInAnyPackage(CORE + ".pipeline..", CORE + ".bundle..",
                    CORE + ".export..", CORE + ".evaluate..", CORE + ".detect..", CORE + ".prepare..",
                    CORE + ".ingest..", CORE + ".io..");

    @ArchTest
    static final ArchRule expressionsKnowNothing = noClasses().that().resideInAPackage(CORE + ".expr..")
            .should().dependOnClassesThat().resideOutsideOfPackages(CORE + ".expr..", "java..");

    /**
     * Explanations ask models for capabilities ({@code TreeEnsemble}, {@code HasFeatureAttributions}
     * in {@code detect}), never for a concrete detector.
     */
    @ArchTest
    static final ArchRule explainersUseCapabilitiesNotModels = noClasses().that().resideInAPackage(CORE + ".explain..")
            .should().dependOnClassesThat().resideInAPackage(CORE + ".detect.*..");

    /** Only the pipeline layer and above look detectors up by name (the registry). */
    @ArchTest
    static final ArchRule registryIsResolvedAbovePipeline = noClasses()
            .that().resideOutsideOfPackages(CORE + ".pipeline..", CORE + ".bundle..", CORE + ".evaluate..")
            .should().dependOnClassesThat().haveFullyQualifiedName(CORE + ".pipeline.Detectors");

    /** Fitted models are immutable: final classes with final fields (DESIGN.md, trainer vs model). */
    @ArchTest
    static final ArchRule fittedModelsAreFinal = classes().that().implement(FittedDetector.class)
            .and().areNotInterfaces().and().areNotAnonymousClasses().and().doNotHaveModifier(JavaModifier.ABSTRACT)
            .should().haveModifier(JavaModifier.FINAL);

    /**
     * The one exception: XGBoost's booster is a native object that lives on one thread
     * ({@code XgboostThread}); its model caches the booster's JSON and thread setting there, never
     * on the caller's thread.
     */
    @ArchTest
    static final ArchRule fittedModelFieldsAreFinal = fields().that().areDeclaredInClassesThat().implement(FittedDetector.class)
            .and().areNotDeclaredIn(XgboostModel.class)
            .should().beFinal();

    /** A trainer is not a model: what fit returns is independent of the trainer. */
    @ArchTest
    static final ArchRule trainersAreNotModels = noClasses().that().implement(DetectorTrainer.class)
            .should().implement(FittedDetector.class);

    /** No Java serialization anywhere (bundles are explicit codecs). */
    @ArchTest
    static final ArchRule noJavaSerialization = noClasses().that().resideInAPackage(CORE + "..")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectOutputStream")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectInputStream");
}
