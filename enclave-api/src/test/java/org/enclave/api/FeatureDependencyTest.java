package org.enclave.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Package by feature, with dependencies in one direction only:
 * workspace -> project -> catalogue -> audit. The audit log knows no feature; the catalogue knows no
 * project; a project closes its workspaces through an event, not by calling them.
 */
class FeatureDependencyTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.enclave.api");

    @Test
    void auditKnowsNoFeature() {
        noClasses().that().resideInAPackage("..api.audit..")
                .should().dependOnClassesThat().resideInAnyPackage("..api.catalogue..", "..api.project..", "..api.workspace..")
                .check(MAIN);
    }

    @Test
    void catalogueKnowsNoProjectOrWorkspace() {
        noClasses().that().resideInAPackage("..api.catalogue..")
                .should().dependOnClassesThat().resideInAnyPackage("..api.project..", "..api.workspace..",
                        "..api.governance..", "..api.register..", "..api.quality..")
                .check(MAIN);
    }

    @Test
    void projectKnowsNoWorkspace() {
        noClasses().that().resideInAPackage("..api.project..")
                .should().dependOnClassesThat().resideInAnyPackage("..api.workspace..")
                .check(MAIN);
    }

    /** Jobs hang off workspaces: a workspace's end reaches them through an event (WorkspaceEnded). */
    @Test
    void nothingBelowJobsKnowsJobs() {
        noClasses().that().resideInAnyPackage("..api.audit..", "..api.catalogue..", "..api.project..", "..api.workspace..")
                .should().dependOnClassesThat().resideInAnyPackage("..api.job..")
                .check(MAIN);
    }

    /** Governance reads projects; the project lifecycle (appeals included) never calls back into it. */
    @Test
    void projectKnowsNoGovernanceRegisterOrQuality() {
        noClasses().that().resideInAPackage("..api.project..")
                .should().dependOnClassesThat().resideInAnyPackage("..api.governance..", "..api.register..", "..api.quality..")
                .check(MAIN);
    }

    @Test
    void domainCodeDoesNotSeeTheWebOrSecurityFramework() {
        noClasses().that().haveSimpleNameNotEndingWith("Controller")
                .and().resideInAnyPackage("..api.project..", "..api.workspace..", "..api.catalogue..", "..api.job..",
                        "..api.governance..", "..api.register..", "..api.quality..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.security..", "org.springframework.web..",
                        "jakarta.servlet..")
                .check(MAIN);
    }
}
