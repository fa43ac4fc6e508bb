package dev.aegis.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.aegis", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule coreKnowsNothingOfTheServer = noClasses()
            .that().resideInAPackage("dev.aegis.core..")
            .should().dependOnClassesThat().resideInAPackage("dev.aegis.server..")
            .because("the server wires the core, never the other way round");

    @ArchTest
    static final ArchRule coreDependsOnPortsNotOnHttpOrAdapterLibraries = noClasses()
            .that().resideInAPackage("dev.aegis.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.helidon..", "com.zaxxer..", "org.postgresql..", "org.h2..", "org.flywaydb..", "io.lettuce..",
                    "org.apache.kafka..", "dev.aegis.jdbc..")
            .because("HTTP and real engines live in their adapter modules, behind ports");

    @ArchTest
    static final ArchRule apiDependsOnNothingInCore = noClasses()
            .that().resideInAPackage("dev.aegis.api..")
            .should().dependOnClassesThat().resideInAPackage("dev.aegis.core..")
            .because("agents and adapters compile against the API alone");
}
