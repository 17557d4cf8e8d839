package dev.gregor.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layer rules of core that the compiler does not enforce: core's internal packages depend on each other without
 * cycles, so that each layer can be read, tested and replaced on its own.
 */
class PackageDependenciesTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.gregor");

    @Test
    void internalPackagesHaveNoCycles() {
        slices().matching("dev.gregor.internal.(*)..").should().beFreeOfCycles().check(CORE);
    }
}
