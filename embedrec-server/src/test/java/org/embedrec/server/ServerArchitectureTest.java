package org.embedrec.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The server loads model files read-only: it never needs training code, and it logs rather than prints. */
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
    void serverNeverPrintsToTheConsole() {
        noClasses().that().resideInAPackage("org.embedrec.server..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(SERVER);
    }
}
