package org.enclave.pseudonymiser;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module graph is the architecture (docs/architecture.md): the pseudonymiser's production code depends on no
 * framework (Spring, Spark, Jakarta) and on no other enclave module. The benchmark's Spark baseline lives in test
 * sources only and is excluded here on purpose.
 */
class PseudonymiserArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.enclave.pseudonymiser");
    }

    @Test
    void noSpringNoSparkNoJakarta() {
        noClasses().that().resideInAPackage("org.enclave.pseudonymiser..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.spark..",
                "jakarta..", "scala..")
            .check(classes);
    }

    @Test
    void noOtherEnclaveModule() {
        noClasses().that().resideInAPackage("org.enclave.pseudonymiser..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.enclave..")
                .and(JavaClass.Predicates.resideOutsideOfPackage("org.enclave.pseudonymiser..")))
            .check(classes);
    }

    @Test
    void theProjectStepDependsOnlyOnKeysAndTheHmac() {
        noClasses().that().resideInAPackage("org.enclave.pseudonymiser.project..")
            .should().dependOnClassesThat().resideInAnyPackage("org.enclave.pseudonymiser.run..",
                "org.enclave.pseudonymiser.io..", "org.enclave.pseudonymiser.cli..", "org.apache.parquet..",
                "org.apache.hadoop..")
            .check(classes);
    }
}
