package dev.turnpike.store.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ports are pure: interfaces and values a store implements, with no I/O, Netty, JDBC or logging of their own and
 * no wall clock; they know only the JDK and the protocol modules' types, so a store needs nothing else to implement
 * them.
 */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importMain() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.turnpike.store.api");
        assertThat(classes.contain(TokenLedger.class)).isTrue();
        assertThat(classes.contain(SessionStore.class)).isTrue();
    }

    @Test
    void noIoNetworkSqlOrLogging() {
        noClasses().should().dependOnClassesThat(DescribedPredicate.describe("are I/O, network, SQL or logging types",
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
    void onlyTheJdkAndTheProtocolModules() {
        noClasses().should().dependOnClassesThat().resideOutsideOfPackages("dev.turnpike.store.api..", "java..",
                "dev.turnpike.l402..", "dev.turnpike.bifrost..").check(classes);
    }

    /** java.io.Serializable is implied by exception types. */
    private static boolean isImpure(JavaClass c) {
        String pkg = c.getPackageName();
        String name = c.getName();
        return (pkg.startsWith("java.io") && !name.equals("java.io.Serializable"))
                || pkg.startsWith("java.nio.file") || pkg.startsWith("java.nio.channels") || pkg.startsWith("java.net")
                || pkg.startsWith("java.sql") || pkg.startsWith("javax.sql") || pkg.startsWith("java.util.logging")
                || pkg.startsWith("org.slf4j") || pkg.startsWith("io.netty") || name.startsWith("java.lang.System$Logger")
                || name.equals("java.lang.ProcessBuilder") || name.equals("java.lang.Runtime");
    }
}
