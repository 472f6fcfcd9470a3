package org.enclave.compute;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.enclave.compute.archfixture.ImportsApi;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md: compute may use policies, the pseudonymiser and Spark; never Spring or the API.
 * The Maven enforcer bans the dependencies; this test bans the imports.
 */
class ComputeArchitectureTest {

    // allowEmptyShould: the rule must hold for whatever classes the package has; it applies to
    // every class that exists (see rejectsForbiddenImport for proof it can fail).
    static final ArchRule COMPUTE_BOUNDARY = noClasses()
            .that().resideInAPackage("org.enclave.compute..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.enclave.api..")
            .allowEmptyShould(true);

    @Test
    void computeClassesRespectTheModuleBoundary() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.enclave.compute");
        COMPUTE_BOUNDARY.check(main);
    }

    @Test
    void rejectsForbiddenImport() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ImportsApi.class);
        assertThat(COMPUTE_BOUNDARY.evaluate(fixture).hasViolation()).isTrue();
    }
}
