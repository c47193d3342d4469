package dev.turnpike.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.gateway.route.DelegationPolicy;
import dev.turnpike.gateway.route.DelegationPolicy.ProofMode;
import dev.turnpike.gateway.route.DelegationRule;
import dev.turnpike.gateway.route.GraphqlEndpoint;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Services that take Bifrost delegated tokens: {@code auth: bifrost} and {@code either} with their keys. */
class DelegationConfigTest {

    static final String WALLET = Ed25519KeyPair.generate(new SecureRandom()).publicKey().toBase58();

    private static GatewayConfig parse(String service) throws ConfigException {
        return GatewayConfig.parse("services:\n  - name: energy\n    upstream: http://127.0.0.1:9000\n" + service,
                "t.yaml");
    }

    private static DelegationPolicy delegation(GatewayConfig c) {
        return switch (c.routes().routes().get(0).auth()) {
            case AuthPolicy.Bifrost b -> b.delegation();
            case AuthPolicy.Either e -> e.delegation();
            default -> throw new AssertionError("not a delegated service");
        };
    }

    @Test
    void aBifrostServiceWithEveryKey() throws Exception {
        GatewayConfig c = parse("""
                    auth: bifrost
                    pop: optional
                    issuers: [%s]
                    clock_skew: 30s
                    rules:
                      - {method: GET, path: '/sites/{site}/meters', scope: read:meter, resources: {site: sites}}
                      - {method: POST, path: /graphql, scope: read:meter}
                    never_delegable:
                      - {method: POST, path: '/gateways/{id}/transfer'}
                      - {path: '/admin/{anything}'}
                """.formatted(WALLET));
        DelegationPolicy d = delegation(c);
        assertThat(d.pop()).isEqualTo(ProofMode.OPTIONAL);
        assertThat(d.issuers()).extracting(Object::toString).containsExactly(WALLET);
        assertThat(d.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        DelegationRule meters = d.ruleFor("GET", "/sites/s1/meters");
        assertThat(meters.scope()).contains("read:meter");
        assertThat(meters.resources()).isEqualTo(Map.of("site", "sites"));
        assertThat(meters.path().match("/sites/s%201/meters")).isEqualTo(Map.of("site", "s 1"));
        assertThat(d.ruleFor("POST", "/sites/s1/meters")).isNull();
        assertThat(d.ruleFor("POST", "/graphql").resources()).isEmpty();
        assertThat(d.neverDelegableFor("POST", "/gateways/g1/transfer").describe())
                .isEqualTo("POST /gateways/{id}/transfer");
        assertThat(d.neverDelegableFor("DELETE", "/admin/x").describe()).isEqualTo("any method /admin/{anything}");
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void theDefaultsRequireAProofAcceptAnyWalletAndDenyWhatNoRuleCovers() throws Exception {
        GatewayConfig c = parse("    auth: bifrost\n");
        DelegationPolicy d = delegation(c);
        assertThat(d.pop()).isEqualTo(ProofMode.REQUIRED);
        assertThat(d.issuers()).isEmpty();
        assertThat(d.clockSkew()).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.rules()).isEmpty();
        assertThat(c.warnings()).anySatisfy(w -> assertThat(w.toString()).contains("services[0].auth: no rules:"
                + " every request with a delegated token is refused (deny by default)"));
    }

    @Test
    void eitherTakesThePaidKeysAndTheDelegationKeys() throws Exception {
        GatewayConfig c = parse("""
                    auth: either
                    price_sats: 5
                    pop: off
                    rules: [{method: GET, path: /x}]
                """);
        AuthPolicy.Either either = (AuthPolicy.Either) c.routes().routes().get(0).auth();
        assertThat(either.paid().price().satsRoundedUp()).isEqualTo(5);
        assertThat(either.delegation().pop()).isEqualTo(ProofMode.OFF);
        assertThat(either.delegation().ruleFor("GET", "/x").scope()).isEqualTo(Optional.empty());
    }

    @Test
    void eachMistakeIsNamedWhereItIs() {
        String svc = "services:\n  - name: energy\n    upstream: http://127.0.0.1:9000\n";
        assertThat(ConfigErrorsTest.problems(svc + "    auth: bifrost\n    pop: maybe\n"))
                .contains("t.yaml:5:10: services[0].pop: must be required, optional or off, was \"maybe\"");
        assertThat(ConfigErrorsTest.problems(svc + "    auth: bifrost\n    issuers: [abc]\n"))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:5:15: services[0].issuers[0]: must be a wallet"
                        + " public key in base58"));
        assertThat(ConfigErrorsTest.problems(svc + "    auth: bifrost\n    price_sats: 1\n"))
                .contains("t.yaml:5:5: services[0].price_sats: only applies to auth: l402, freebie or either (this"
                        + " service has auth: bifrost)");
        assertThat(ConfigErrorsTest.problems(svc + "    price_sats: 1\n    pop: off\n"))
                .contains("t.yaml:5:5: services[0].pop: only applies to auth: bifrost or either (this service has"
                        + " auth: l402)");
        assertThat(ConfigErrorsTest.problems(svc + "    auth: none\n    rules: []\n"))
                .contains("t.yaml:5:5: services[0].rules: only applies to auth: bifrost or either (this service has"
                        + " auth: none)");
        assertThat(ConfigErrorsTest.problems(svc + "    auth: bifrost\n    rules:\n      - {path: /x}\n"))
                .contains("t.yaml:6:9: services[0].rules[0].method: is required: an HTTP method");
        assertThat(ConfigErrorsTest.problems(svc + "    auth: bifrost\n    rules:\n      - {method: GET, path: x}\n"))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:6:29: services[0].rules[0].path: must start with '/'"));
        assertThat(ConfigErrorsTest.problems(svc + "    auth: bifrost\n    rules:\n"
                + "      - {method: GET, path: '/a/{b}', resources: {c: sites}}\n"))
                .contains("t.yaml:6:51: services[0].rules[0].resources.c: is not a variable of /a/{b} (b)");
        assertThat(ConfigErrorsTest.problems(svc + "    auth: bifrost\n    clock_skew: 2h\n"))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:5:17: services[0].clock_skew: must be from"));
        assertThat(ConfigErrorsTest.problems(svc + "    auth: either\n    price_sats: 1\n    free_requests: 2\n"))
                .contains("t.yaml:6:5: services[0].free_requests: only applies to auth: freebie");
        assertThat(ConfigErrorsTest.problems(svc + "    auth: oauth\n"))
                .contains("t.yaml:4:11: services[0].auth: must be l402, none, freebie, bifrost or either, was \"oauth\"");
    }

    @Test
    void aGraphqlEndpointWithItsNeverDelegableFieldsAndLimits() throws Exception {
        GatewayConfig c = parse("""
                    auth: bifrost
                    rules: [{method: POST, path: /graphql, scope: read:meter}]
                    graphql:
                      path: /graphql
                      never_delegable: [mutation.transferGateway, subscription.*]
                      max_body: 4096
                      max_tokens: 300
                      max_depth: 40
                """);
        GraphqlEndpoint g = delegation(c).graphql().orElseThrow();
        assertThat(g.matches("/graphql")).isTrue();
        assertThat(g.matches("/graphql/x")).isFalse();
        assertThat(g.neverDelegable()).extracting(Object::toString)
                .containsExactly("mutation.transferGateway", "subscription.*");
        assertThat(List.of(g.maxBody(), g.maxTokens(), g.maxDepth())).containsExactly(4096, 300, 40);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void aGraphqlEndpointHasDefaultLimitsAndNoneWithoutTheKey() throws Exception {
        GatewayConfig c = parse("    auth: bifrost\n    rules: [{method: GET, path: /x}]\n"
                + "    graphql: {path: /graphql}\n");
        GraphqlEndpoint g = delegation(c).graphql().orElseThrow();
        assertThat(List.of(g.maxBody(), g.maxTokens(), g.maxDepth())).containsExactly(GraphqlEndpoint.DEFAULT_MAX_BODY,
                GraphqlEndpoint.DEFAULT_MAX_TOKENS, GraphqlEndpoint.DEFAULT_MAX_DEPTH);
        assertThat(c.warnings()).anySatisfy(w -> assertThat(w.toString())
                .contains("services[0].graphql: no never_delegable fields"));
        assertThat(delegation(parse("    auth: bifrost\n    rules: [{method: GET, path: /x}]\n")).graphql()).isEmpty();
    }

    @Test
    void eachGraphqlMistakeIsNamedWhereItIs() {
        String svc = "services:\n  - name: energy\n    upstream: http://127.0.0.1:9000\n    auth: bifrost\n";
        assertThat(ConfigErrorsTest.problems(svc + "    graphql: {never_delegable: [mutation.x]}\n"))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:5:14: services[0].graphql.path: is required"));
        assertThat(ConfigErrorsTest.problems(svc + "    graphql: {path: /g, never_delegable: [transferGateway]}\n"))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:5:43: services[0].graphql.never_delegable[0]:"
                        + " must be operation.field"));
        assertThat(ConfigErrorsTest.problems(svc + "    graphql: {path: /g, never_delegable: [update.x]}\n"))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:5:43: services[0].graphql.never_delegable[0]:"
                        + " the operation must be query, mutation or subscription"));
        assertThat(ConfigErrorsTest.problems(svc + "    graphql: {path: /g, never_delegable: [mutation.a, mutation.a]}\n"))
                .contains("t.yaml:5:55: services[0].graphql.never_delegable[1]: mutation.a is listed twice");
        assertThat(ConfigErrorsTest.problems(svc + "    graphql: {path: /g, max_body: 10}\n"))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:5:35: services[0].graphql.max_body: must be a whole"
                        + " number from 1024"));
        assertThat(ConfigErrorsTest.problems(svc + "    graphql: {path: /g, max_depth: 0}\n"))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:5:36: services[0].graphql.max_depth:"));
        assertThat(ConfigErrorsTest.problems(svc + "    graphql: {path: /g, introspection: false}\n"))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:5:25: services[0].graphql.introspection: unknown"));
        assertThat(ConfigErrorsTest.problems("services:\n  - name: q\n    upstream: http://127.0.0.1:9000\n"
                + "    price_sats: 1\n    graphql: {path: /g}\n"))
                .contains("t.yaml:5:5: services[0].graphql: only applies to auth: bifrost or either (this service has"
                        + " auth: l402)");
    }
}
