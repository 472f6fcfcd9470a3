package org.enclave.policies;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

import org.enclave.policies.archfixture.ForbiddenDependencyFixture;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md: {@code policies} is pure Java. Its classes may depend only on the JDK, Jackson,
 * ojAlgo (the suppression LP), picocli (the CLI) and themselves. The Maven enforcer bans framework
 * artifacts; this test catches an import of anything else that slips onto the classpath.
 */
class PoliciesArchitectureTest {

    static final String[] ALLOWED = {"java..", "com.fasterxml.jackson..", "org.ojalgo..", "picocli..", "org.enclave.policies.."};

    static final ArchRule ONLY_ALLOWED_DEPENDENCIES = classes()
            .that().resideInAPackage("org.enclave.policies..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(ALLOWED)
            .because("policies is pure Java: JDK, Jackson, ojAlgo, picocli and itself only (docs/architecture.md)");

    @Test
    void mainClassesDependOnlyOnTheAllowlist() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.enclave.policies");
        assertThat(main.size()).as("main classes imported").isGreaterThan(20);
        ONLY_ALLOWED_DEPENDENCIES.check(main);
    }

    @Test
    void theRuleFailsOnAForbiddenDependency() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ForbiddenDependencyFixture.class);
        EvaluationResult result = ONLY_ALLOWED_DEPENDENCIES.evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d).contains("org.junit.jupiter.api.Assertions"));
    }
}
