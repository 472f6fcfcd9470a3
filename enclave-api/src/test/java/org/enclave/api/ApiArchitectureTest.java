package org.enclave.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.enclave.api.archfixture.ImportsCompute;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md: the API never sees Spark, Hadoop, the pseudonymiser or compute. Researcher SQL
 * never runs in the process that holds the database credentials and signing keys, and the master key
 * never reaches it. The Maven enforcer bans the dependencies; this test bans the imports.
 */
class ApiArchitectureTest {

    // allowEmptyShould: the rule must hold for whatever classes the package has; it applies to
    // every class that exists (see rejectsForbiddenImport for proof it can fail).
    static final ArchRule API_BOUNDARY = noClasses()
            .that().resideInAPackage("org.enclave.api..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.apache.spark..", "scala..", "org.apache.hadoop..",
                    "org.enclave.pseudonymiser..", "org.enclave.compute..")
            .allowEmptyShould(true);

    @Test
    void apiClassesRespectTheModuleBoundary() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.enclave.api");
        API_BOUNDARY.check(main);
    }

    @Test
    void rejectsForbiddenImport() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ImportsCompute.class);
        assertThat(API_BOUNDARY.evaluate(fixture).hasViolation()).isTrue();
    }
}
