package org.embedrec.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The command line reaches models only through the registry ({@code Trainers}, {@code ModelFiles})
 * and the shared types, so a new model family needs no change here; it never reaches into the
 * engine's internals.
 */
class CliArchitectureTest {
    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.embedrec.cli");

    @Test
    void commandsKnowNoFamily() {
        noClasses().that().resideInAPackage("org.embedrec.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.embedrec.family.*..")
                .check(CLI);
    }

    @Test
    void commandsUseTheEngineOnlyThroughItsPublicOptionsAndListeners() {
        noClasses().that().resideInAPackage("org.embedrec.cli..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.embedrec.train.Trainable")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.embedrec.train.TrainingLoop")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.embedrec.train.EpochTrainer")
                .check(CLI);
    }
}
