package dev.turnpike.bifrost;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.bifrost.session.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module is pure: no I/O, network, SQL, logging or processes, no wall clock, no package cycles; BouncyCastle only
 * in {@code crypto}, Jackson only in the top package. Jackson's exceptions extend {@code java.io.IOException}, but
 * the code parses from strings and catches {@code JsonProcessingException}, so it needs no {@code java.io} type
 * at all.
 */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importMain() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.turnpike.bifrost");
        assertThat(classes.contain(DelegationVerifier.class)).isTrue();
        assertThat(classes.contain(Ed25519PublicKey.class)).isTrue();
        assertThat(classes.contain(Session.class)).isTrue();
    }

    @Test
    void noIoNetworkSqlLoggingOrProcesses() {
        noClasses().should().dependOnClassesThat(DescribedPredicate.describe("are I/O, network, SQL, logging or process types",
                        ArchitectureTest::isImpure))
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
    void onlyTheJdkBouncyCastleAndJackson() {
        noClasses().should().dependOnClassesThat().resideOutsideOfPackages("dev.turnpike.bifrost..", "java..",
                "org.bouncycastle..", "com.fasterxml.jackson..").check(classes);
    }

    @Test
    void bouncyCastleOnlyInCryptoAndJacksonOnlyInTheTopPackage() {
        noClasses().that().resideOutsideOfPackage("dev.turnpike.bifrost.crypto..").should().dependOnClassesThat()
                .resideInAPackage("org.bouncycastle..").check(classes);
        noClasses().that().resideOutsideOfPackage("dev.turnpike.bifrost").should().dependOnClassesThat()
                .resideInAPackage("com.fasterxml.jackson..").check(classes);
    }

    @Test
    void layersPointInward() {
        noClasses().that().resideInAnyPackage("dev.turnpike.bifrost.encoding..", "dev.turnpike.bifrost.crypto..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.turnpike.bifrost", "dev.turnpike.bifrost.session..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.turnpike.bifrost").should().dependOnClassesThat()
                .resideInAPackage("dev.turnpike.bifrost.session..").check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.turnpike.bifrost.(**)").should().beFreeOfCycles().check(classes);
    }

    /** java.io.Serializable is implied by our exception types; java.net.URI is pure syntax (proof URLs). */
    private static boolean isImpure(JavaClass c) {
        String pkg = c.getPackageName();
        String name = c.getName();
        return (pkg.equals("java.io") && !name.equals("java.io.Serializable"))
                || pkg.startsWith("java.nio.file") || pkg.startsWith("java.nio.channels")
                || (pkg.equals("java.net") && !name.equals("java.net.URI") && !name.equals("java.net.URISyntaxException"))
                || pkg.startsWith("java.sql") || pkg.startsWith("javax.sql") || pkg.startsWith("java.util.logging")
                || pkg.startsWith("org.slf4j") || name.startsWith("java.lang.System$Logger")
                || name.equals("java.lang.ProcessBuilder") || name.equals("java.lang.Runtime")
                || name.equals("java.lang.Thread");
    }
}
