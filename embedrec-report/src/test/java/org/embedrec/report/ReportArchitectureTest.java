package org.embedrec.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The report describes a fitted model: it never trains, knows no model family (it reads models
 * through the shared model types), and leaves command lines, HTTP and printing to the applications.
 */
class ReportArchitectureTest {
    private static final JavaClasses REPORT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.embedrec.report");

    @Test
    void reportNeverTrainsNorKnowsAFamily() {
        noClasses().that().resideInAPackage("org.embedrec.report..")
                .should().dependOnClassesThat().resideInAnyPackage("org.embedrec.train..", "org.embedrec.family..")
                .check(REPORT);
    }

    @Test
    void reportIsALibraryNotAnApplication() {
        noClasses().that().resideInAPackage("org.embedrec.report..")
                .should().dependOnClassesThat().resideInAnyPackage("org.embedrec.cli..", "org.embedrec.server..",
                        "picocli..", "io.javalin..", "ch.qos.logback..")
                .orShould().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(REPORT);
    }
}
