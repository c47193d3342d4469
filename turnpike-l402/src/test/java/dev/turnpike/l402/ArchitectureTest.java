package dev.turnpike.l402;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module is pure: no I/O, no logging, no wall clock, no package cycles, JDK-only. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importMain() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.turnpike.l402");
        org.assertj.core.api.Assertions.assertThat(classes.contain(L402Verifier.class)).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.contain(dev.turnpike.l402.macaroon.MacaroonCodec.class)).isTrue();
    }

    @Test
    void noIoNetworkSqlOrLogging() {
        // java.io.Serializable is implied by our exception types; everything else in java.io is refused
        noClasses().should().dependOnClassesThat(
                com.tngtech.archunit.base.DescribedPredicate.describe("I/O, network, SQL or logging",
                        c -> (c.getPackageName().startsWith("java.io") && !c.getName().equals("java.io.Serializable"))
                                || c.getPackageName().startsWith("java.nio.file")
                                || c.getPackageName().startsWith("java.nio.channels")
                                || c.getPackageName().startsWith("java.net")
                                || c.getPackageName().startsWith("java.sql")
                                || c.getPackageName().startsWith("javax.sql")
                                || c.getPackageName().startsWith("java.util.logging")
                                || c.getName().startsWith("java.lang.System$Logger")
                                || c.getName().equals("java.lang.ProcessBuilder")
                                || c.getName().equals("java.lang.Runtime")))
                .check(classes);
    }

    @Test
    void noWallClock() {
        noClasses().should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .check(classes);
    }

    @Test
    void jdkOnly() {
        noClasses().should().dependOnClassesThat().resideOutsideOfPackages("dev.turnpike.l402..", "java..", "javax.crypto..")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.turnpike.l402.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void macaroonPackageKnowsNothingOfL402() {
        noClasses().that().resideInAPackage("dev.turnpike.l402.macaroon..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.turnpike.l402", "dev.turnpike.l402.header..").check(classes);
    }
}
