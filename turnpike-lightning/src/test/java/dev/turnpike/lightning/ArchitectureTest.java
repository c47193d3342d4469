package dev.turnpike.lightning;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final String[] PURE = {
        "dev.turnpike.lightning.bech32..", "dev.turnpike.lightning.bolt11..", "dev.turnpike.lightning.crypto.."
    };

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.turnpike.lightning");

    @Test
    void protocolCodeDoesNoIo() {
        ArchRule rule = noClasses().that().resideInAnyPackage(PURE)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "java.io..", "java.nio.file..", "java.nio.channels..", "java.net..", "java.sql..",
                        "java.util.logging..", "org.slf4j..", "org.sqlite..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.System$Logger")
                .because("bech32, bolt11 and crypto are pure protocol code");
        rule.check(CLASSES);
    }

    @Test
    void protocolCodeReadsNoClock() {
        ArchRule rule = noClasses().that().resideInAnyPackage(PURE)
                .should().callMethodWhere(describe("a method reading the current time",
                        (JavaMethodCall call) -> (call.getTargetOwner().getPackageName().equals("java.time")
                                        && call.getName().equals("now"))
                                || (call.getTargetOwner().isEquivalentTo(System.class)
                                        && (call.getName().equals("currentTimeMillis") || call.getName().equals("nanoTime")))))
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .because("timestamps are arguments of protocol code");
        rule.check(CLASSES);
    }

    @Test
    void protocolCodeDoesNotDependOnNodes() {
        noClasses().that().resideInAnyPackage(PURE)
                .should().dependOnClassesThat().resideInAnyPackage("dev.turnpike.lightning.node..",
                        "dev.turnpike.lightning.embedded..")
                .check(CLASSES);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.turnpike.lightning.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
