package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.PaymentHash;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.lightning.node.InvoiceState;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code lightning.strict_verify}: a token is used only once the backend reports its invoice settled. */
class StrictSettlementTest {

    static L402Fixture l402;
    static TestUpstream upstream;
    static Gateway gateway;
    static String base;
    static final AtomicInteger lookups = new AtomicInteger();
    static final AtomicBoolean backendDown = new AtomicBoolean();
    /** Payment hashes the backend reports unsettled although they were paid (a node that lost track). */
    static final Set<PaymentHash> reportedUnsettled = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() throws Exception {
        l402 = new L402Fixture();
        upstream = new TestUpstream();
        gateway = Gateway.builder(GatewayEdgeTest.pipeline(l402, upstream)
                .strictSettlement(hash -> {
                    lookups.incrementAndGet();
                    if (backendDown.get()) {
                        throw new IllegalStateException("connection refused to 10.0.0.7:8080");
                    }
                    return !reportedUnsettled.contains(hash) && l402.node.lookup(
                                    dev.turnpike.lightning.crypto.PaymentHash.of(hash.toByteArray()))
                            .filter(i -> i.state() == InvoiceState.SETTLED).isPresent();
                }))
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .build();
        base = "http://127.0.0.1:" + gateway.start().get(0).getPort();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
        l402.close();
    }

    /** Buys a token through a 402 on this gateway, paying with the fixture's wallet. */
    static Paid buy() throws Exception {
        HttpResponse<String> r = GatewayEdgeTest.get(GatewayEdgeTest.client, base + "/quotes/a");
        assertThat(r.statusCode()).isEqualTo(402);
        Challenge c = ((ParseResult.Ok<Challenge>) L402Headers.parseChallenges(
                r.headers().allValues("www-authenticate"))).value();
        Credential credential = new Credential(c.macaroon(), l402.pay(c.invoice()));
        return new Paid(L402Headers.authorizationValue(credential),
                dev.turnpike.l402.L402Identifier.decode(c.macaroon().identifier()).paymentHash());
    }

    record Paid(String authorization, PaymentHash hash) {}

    static HttpResponse<String> use(Paid token) throws Exception {
        return GatewayEdgeTest.get(GatewayEdgeTest.client, base + "/quotes/a", "Authorization", token.authorization());
    }

    @Test
    void aSettledTokenIsAskedAboutOnceThenServed() throws Exception {
        Paid token = buy();
        int before = lookups.get();
        assertThat(use(token).statusCode()).isEqualTo(200);
        assertThat(use(token).statusCode()).isEqualTo(200);
        assertThat(lookups.get() - before).isEqualTo(1);
    }

    @Test
    void aTokenTheBackendDoesNotReportSettledGetsAChallengeSayingSo() throws Exception {
        Paid token = buy();
        reportedUnsettled.add(token.hash());
        HttpResponse<String> r = use(token);
        assertThat(r.statusCode()).isEqualTo(402);
        assertThat(r.body()).contains("\"reason\":\"not_settled\"");
        assertThat(r.headers().allValues("www-authenticate")).hasSize(2);

        reportedUnsettled.remove(token.hash()); // nothing was remembered: the next use asks again
        assertThat(use(token).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnreachableBackendIs503UntilItAnswers() throws Exception {
        Paid token = buy();
        backendDown.set(true);
        try {
            HttpResponse<String> r = use(token);
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("retry-after")).isPresent();
            assertThat(r.body()).contains("payment cannot be confirmed").doesNotContain("10.0.0.7");
        } finally {
            backendDown.set(false);
        }
        assertThat(use(token).statusCode()).isEqualTo(200);
    }
}
