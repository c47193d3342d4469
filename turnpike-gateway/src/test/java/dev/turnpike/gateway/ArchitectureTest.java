package dev.turnpike.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.turnpike.gateway.config.GatewayConfig;
import dev.turnpike.gateway.hosting.JsonApi;
import dev.turnpike.gateway.server.Gateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's packages point one way (no cycles); Netty stays in the server, the pipeline, the proxy and the
 * HTTP answers, so configuration, routes, limits, the books, challenges, metrics and the hosted JSON APIs can be
 * read and tested without it; configuration knows nothing of the server that runs it.
 */
class ArchitectureTest {
    private static final String GATEWAY = "dev.turnpike.gateway";

    static JavaClasses classes;

    @BeforeAll
    static void importMain() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(GATEWAY);
        assertThat(classes.contain(Gateway.class)).isTrue();
        assertThat(classes.contain(GatewayConfig.class)).isTrue();
        assertThat(classes.contain(JsonApi.class)).isTrue();
    }

    @Test
    void noPackageCycles() {
        slices().matching(GATEWAY + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void protocolLevelPackagesKnowNoNetty() {
        noClasses().that().resideInAnyPackage(inGateway("config", "route", "ratelimit", "ledger", "challenge",
                        "metrics", "hosting", "api", "graphql"))
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .check(classes);
    }

    @Test
    void configurationKnowsNothingOfTheServer() {
        noClasses().that().resideInAPackage(GATEWAY + ".config..")
                .should().dependOnClassesThat().resideInAnyPackage(inGateway("server", "pipeline", "proxy"))
                .check(classes);
    }

    @Test
    void hostedApisSeeOnlyTheHostingContract() {
        noClasses().that().resideInAnyPackage(inGateway("api", "bifrost", "hosting"))
                .should().dependOnClassesThat().resideInAnyPackage(inGateway("server", "pipeline", "proxy"))
                .check(classes);
    }

    @Test
    void graphqlSelectionIsPureAndStandsAlone() {
        noClasses().that().resideInAPackage(GATEWAY + ".graphql..")
                .should().dependOnClassesThat().resideInAnyPackage(inGateway("config", "route", "server", "pipeline",
                        "proxy", "hosting", "api", "bifrost", "ledger", "challenge", "metrics", "ratelimit", "problem"))
                .check(classes);
    }

    private static String[] inGateway(String... packages) {
        String[] names = new String[packages.length];
        for (int i = 0; i < packages.length; i++) {
            names[i] = GATEWAY + "." + packages[i] + "..";
        }
        return names;
    }
}
