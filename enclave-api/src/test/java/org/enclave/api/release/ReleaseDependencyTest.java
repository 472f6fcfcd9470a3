package org.enclave.api.release;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Releases sit on top of the feature graph: release -> workspace -> project -> catalogue -> audit.
 * No other feature knows about releases; release domain code does not see the web or security
 * framework; the differencing detector and the verifier are plain Java.
 */
class ReleaseDependencyTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.enclave.api");

    @Test
    void noOtherFeatureDependsOnReleases() {
        noClasses().that().resideInAnyPackage("..api.audit..", "..api.catalogue..", "..api.project..", "..api.workspace..",
                        "..api.platform..", "..api.security..")
                .should().dependOnClassesThat().resideInAPackage("..api.release..")
                .check(MAIN);
    }

    @Test
    void releaseDomainCodeDoesNotSeeTheWebOrSecurityFramework() {
        noClasses().that().haveSimpleNameNotEndingWith("Controller").and().resideInAPackage("..api.release..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.security..", "org.springframework.web..",
                        "jakarta.servlet..")
                .check(MAIN);
    }

    @Test
    void differencingAndVerificationArePlainJava() {
        noClasses().that().resideInAPackage("..api.release.differencing..")
                .or().haveSimpleName("ReleaseVerifier").or().haveSimpleName("ReleaseVerifyCommand")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "..api.audit..", "..api.project..",
                        "..api.workspace..")
                .check(MAIN);
    }
}
