package org.embedrec.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layering of STYLE.md true: data knows nothing of models; fitted models, evaluation,
 * model files and serving never need training code; the library never prints.
 */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.embedrec");
    }

    @Test
    void dataKnowsNothingOfModelsTrainingOrFiles() {
        noClasses().that().resideInAPackage("org.embedrec.data..")
                .should().dependOnClassesThat().resideInAnyPackage("org.embedrec.model..", "org.embedrec.train..",
                        "org.embedrec.eval..", "org.embedrec.io..", "org.embedrec.synth..", "org.embedrec.download..")
                .check(core);
    }

    @Test
    void servingSideNeverNeedsTrainingCode() {
        noClasses().that().resideInAnyPackage("org.embedrec.model..", "org.embedrec.eval..", "org.embedrec.io..", "org.embedrec.analysis..",
                        "org.embedrec.data..", "org.embedrec.synth..", "org.embedrec.download..")
                .should().dependOnClassesThat().resideInAPackage("org.embedrec.train..")
                .check(core);
    }

    @Test
    void modelsDoNotDependOnEvaluationOrFiles() {
        noClasses().that().resideInAPackage("org.embedrec.model..")
                .should().dependOnClassesThat().resideInAnyPackage("org.embedrec.eval..", "org.embedrec.io..")
                .check(core);
    }

    @Test
    void networkBuildingBlocksDependOnNoOtherEmbedrecPackage() {
        noClasses().that().resideInAPackage("org.embedrec.nn..")
                .should().dependOnClassesThat().resideInAnyPackage("org.embedrec.data..", "org.embedrec.model..",
                        "org.embedrec.train..", "org.embedrec.eval..", "org.embedrec.io..")
                .check(core);
    }

    @Test
    void libraryNeverPrints() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(core);
    }

    @Test
    void libraryHasNoCommandLineOrLoggingBackend() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("picocli..", "ch.qos.logback..", "io.javalin..")
                .check(core);
    }
}
