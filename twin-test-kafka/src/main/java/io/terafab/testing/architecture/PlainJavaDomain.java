package io.terafab.testing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The house rule that a service's model is plain Java: no class of its domain packages depends on
 * a framework, so the model is tested, benchmarked and read without Quarkus, Kafka or JSON, and the
 * messaging, REST and twin packages adapt it. Checked on the compiled classes, so a fully qualified
 * name or a transitive type in a signature counts as much as an import.
 */
public final class PlainJavaDomain {

    /** The frameworks of the adapters around the model. */
    static final String[] FRAMEWORKS = {
        "io.quarkus..",
        "jakarta..",
        "org.eclipse.microprofile..",
        "io.smallrye..",
        "org.apache.kafka..",
        "com.fasterxml.jackson..",
        "io.micrometer..",
        "org.jboss.."
    };

    static {
        // The rule needs only the names of the classes a model refers to, not their bytecode: importing
        // Quarkus, Kafka and Jackson from the class path to resolve them cost up to a minute per service.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    }

    private PlainJavaDomain() {}

    /** The rule for the given packages (ArchUnit package patterns such as {@code io.terafab.chip.domain..}). */
    public static ArchRule dependsOnNoFramework(String... plainPackages) {
        return noClasses()
                .that()
                .resideInAnyPackage(plainPackages)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FRAMEWORKS)
                .because("a domain is plain Java: messaging, REST and the twin adapt it to the frameworks");
    }

    /**
     * Checks the rule on the main classes of a service (tests left out) under its root package; fails
     * with every offending dependency, and also when no class lies in the plain packages (a renamed
     * package must be renamed here too, not silently unguarded).
     */
    public static void check(String rootPackage, String... plainPackages) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        dependsOnNoFramework(plainPackages).check(classes);
    }
}
