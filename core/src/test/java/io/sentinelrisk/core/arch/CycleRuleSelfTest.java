package io.sentinelrisk.core.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cycle rules of {@link LayerRulesTest} can fail: on two test packages that import each
 * other ({@code fixture.a} ↔ {@code fixture.b}) both rules report the cycle.
 */
class CycleRuleSelfTest {
    private static final String FIXTURE = "io.sentinelrisk.core.arch.fixture";
    private static final JavaClasses CYCLIC = new ClassFileImporter().importPackages(FIXTURE);

    @Test
    void roomCycleIsReported() {
        assertThatThrownBy(() -> LayerRulesTest.noCycleBetweenRooms(FIXTURE).check(CYCLIC))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("fixture.a.Upper")
                .hasMessageContaining("fixture.b.Lower");
    }

    @Test
    void packageCycleIsReported() {
        assertThatThrownBy(() -> LayerRulesTest.noCycleBetweenPackages(FIXTURE).check(CYCLIC))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }
}
