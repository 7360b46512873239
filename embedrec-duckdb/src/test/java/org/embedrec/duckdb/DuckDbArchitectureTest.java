package org.embedrec.duckdb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module is a data source and nothing more: it reaches core only through the loaders' contract
 * ({@code org.embedrec.io}, {@code org.embedrec.io.rows}) and never prints.
 */
class DuckDbArchitectureTest {
    private static final JavaClasses DUCKDB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.embedrec.duckdb");

    @Test
    void dependsOnlyOnCoresIoAndTheDriver() {
        classes().that().resideInAPackage("org.embedrec.duckdb..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.embedrec.duckdb..", "org.embedrec.io..",
                        "org.duckdb..", "java..")
                .check(DUCKDB);
    }

    @Test
    void neverPrints() {
        noClasses().that().resideInAPackage("org.embedrec.duckdb..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(DUCKDB);
    }
}
