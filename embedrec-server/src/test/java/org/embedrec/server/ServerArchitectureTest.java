package org.embedrec.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The server loads model files read-only: it never needs training code, it knows no model family
 * (a new family is served without a change here), and it logs rather than prints.
 */
class ServerArchitectureTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.embedrec.server");

    @Test
    void serverNeverTrains() {
        noClasses().that().resideInAPackage("org.embedrec.server..")
                .should().dependOnClassesThat().resideInAPackage("org.embedrec.train..")
                .check(SERVER);
    }

    @Test
    void serverServesEveryFamilyThroughTheSharedModelTypes() {
        noClasses().that().resideInAPackage("org.embedrec.server..")
                .should().dependOnClassesThat().resideInAPackage("org.embedrec.family..")
                .check(SERVER);
    }

    @Test
    void serverNeverPrintsToTheConsole() {
        noClasses().that().resideInAPackage("org.embedrec.server..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(SERVER);
    }
}
