package org.embedrec.spark;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The Spark jobs reuse core (parsing, layouts, splits, metrics, model files) and export ordinary
 * model files; they read their options through core's option tables (so keys and flags match
 * {@code embedrec train}), but never depend on core's trainers or engine, nor on the other applications.
 */
class SparkArchitectureTest {
    private static final JavaClasses SPARK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.embedrec.spark");

    @Test
    void sparkNeverUsesCoresTrainingEngine() {
        noClasses().that().resideInAPackage("org.embedrec.spark..")
                .should().dependOnClassesThat(resideInAPackage("org.embedrec.train..")
                        .and(not(simpleNameStartingWith("Option"))))
                .orShould().dependOnClassesThat(resideInAPackage("org.embedrec.family..").and(simpleNameEndingWith("Trainer")))
                .check(SPARK);
    }

    @Test
    void sparkIsNotTheCommandLineServerOrReport() {
        noClasses().that().resideInAPackage("org.embedrec.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("org.embedrec.cli..", "org.embedrec.server..",
                        "org.embedrec.report..", "io.javalin..")
                .check(SPARK);
    }
}
