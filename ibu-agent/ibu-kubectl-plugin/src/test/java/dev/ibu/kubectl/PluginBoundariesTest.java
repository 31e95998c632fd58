package dev.ibu.kubectl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The plugin runs on the admin's machine: it reads the IBU through the one codec and knows nothing of the agent. */
class PluginBoundariesTest {
    private static final JavaClasses PLUGIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.ibu.kubectl");

    @Test
    void dependsOnlyOnTheDomainTheCodecTheClientAndTheCli() {
        classes().that().resideInAPackage("dev.ibu.kubectl..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.ibu.kubectl..", "dev.ibu.domain..",
                        "dev.ibu.codec", "java..", "io.vavr..", "io.fabric8.kubernetes..", "picocli..",
                        "tools.jackson..")
                .check(PLUGIN);
    }
}
