package org.embedrec.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.embedrec.io.ModelCodec;
import org.embedrec.model.Recommender;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layering of docs/ARCHITECTURE.md true: data knows nothing of models; the shared packages
 * know no model family, and fitted models, evaluation, model files and serving never need training
 * code; each family is one package that no other family depends on; the library never prints.
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
                        "org.embedrec.data..", "org.embedrec.synth..", "org.embedrec.download..", "org.embedrec.ann..")
                .should().dependOnClassesThat().resideInAPackage("org.embedrec.train..")
                .check(core);
    }

    @Test
    void aFamilysFittedModelsCodecsAndFoldInNeverNeedItsTrainer() {
        noClasses().that().resideInAPackage("org.embedrec.family.*..")
                .and().areAssignableTo(Recommender.class).or().areAssignableTo(ModelCodec.class)
                .should().dependOnClassesThat().resideInAPackage("org.embedrec.train..")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Trainer")
                .check(core);
    }

    @Test
    void sharedPackagesKnowNoFamily() {
        noClasses().that().resideInAnyPackage("org.embedrec.data..", "org.embedrec.model..", "org.embedrec.train..",
                        "org.embedrec.eval..", "org.embedrec.io..", "org.embedrec.analysis..", "org.embedrec.nn..",
                        "org.embedrec.synth..", "org.embedrec.download..", "org.embedrec.ann..")
                .should().dependOnClassesThat().resideInAPackage("org.embedrec.family.*..")
                .check(core);
    }

    @Test
    void onlyModelFilesReachTheFamilyRegistryFromTheSharedPackages() {
        noClasses().that().resideInAnyPackage("org.embedrec.data..", "org.embedrec.model..", "org.embedrec.train..",
                        "org.embedrec.eval..", "org.embedrec.analysis..", "org.embedrec.nn..", "org.embedrec.synth..",
                        "org.embedrec.download..")
                .or().resideInAPackage("org.embedrec.io..").and().doNotHaveSimpleName("ModelFiles")
                .should().dependOnClassesThat().resideInAPackage("org.embedrec.family")
                .check(core);
    }

    @Test
    void familiesDoNotDependOnEachOther() {
        slices().matching("org.embedrec.family.(*)..").should().notDependOnEachOther().check(core);
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
