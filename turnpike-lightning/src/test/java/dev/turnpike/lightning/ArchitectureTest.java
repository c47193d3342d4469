package dev.turnpike.lightning;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.node.InvoiceBackend;
import org.junit.jupiter.api.Test;

/**
 * The module is pure: no I/O, no SQL, no logging, no wall clock, no package cycles; the JDK and BouncyCastle only.
 * The embedded node, which stores and logs, is turnpike-devnode.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.turnpike.lightning");

    @Test
    void theWholeModuleIsImported() {
        assertThat(CLASSES.contain(Bolt11Invoice.class)).isTrue();
        assertThat(CLASSES.contain(InvoiceBackend.class)).isTrue();
    }

    @Test
    void noIoNetworkSqlLoggingOrProcesses() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "java.io..", "java.nio.file..", "java.nio.channels..", "java.net..", "java.sql..", "javax.sql..",
                        "java.util.logging..", "org.slf4j..", "org.sqlite..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.System$Logger")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Runtime")
                .because("lightning is protocol code and the interfaces to nodes")
                .check(CLASSES);
    }

    @Test
    void noWallClock() {
        noClasses().should().callMethodWhere(describe("a method reading the current time",
                        (JavaMethodCall call) -> (call.getTargetOwner().getPackageName().equals("java.time")
                                        && call.getName().equals("now"))
                                || (call.getTargetOwner().isEquivalentTo(System.class)
                                        && (call.getName().equals("currentTimeMillis") || call.getName().equals("nanoTime")))))
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .because("timestamps are arguments of protocol code")
                .check(CLASSES);
    }

    @Test
    void jdkAndBouncyCastleOnly() {
        noClasses().should().dependOnClassesThat()
                .resideOutsideOfPackages("dev.turnpike.lightning..", "java..", "org.bouncycastle..")
                .check(CLASSES);
    }

    @Test
    void protocolCodeDoesNotDependOnNodes() {
        noClasses().that().resideInAnyPackage(
                        "dev.turnpike.lightning.bech32..", "dev.turnpike.lightning.bolt11..", "dev.turnpike.lightning.crypto..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.turnpike.lightning.node..")
                .check(CLASSES);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.turnpike.lightning.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
