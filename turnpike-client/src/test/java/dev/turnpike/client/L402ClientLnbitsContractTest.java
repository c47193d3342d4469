package dev.turnpike.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.client.pay.LnbitsPayer;
import dev.turnpike.client.pay.PaymentRefusedException;
import dev.turnpike.client.token.FileTokenStore;
import dev.turnpike.client.token.Origin;
import dev.turnpike.client.token.StoredToken;
import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.lightning.node.PaymentLimits;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole client, paying through {@link LnbitsPayer} against the LNbits wallet API contract server, in front of a
 * real L402 server; both on one embedded node, as the gateway's dev wallets will be.
 */
class L402ClientLnbitsContractTest {

    private static final long PRICE_MSAT = 10_000;

    @TempDir
    Path tokens;

    private EmbeddedNode node;
    private L402TestServer server;
    private LnbitsContractServer lnbits;
    private LnbitsContractServer.Wallet wallet;
    private final List<L402Event> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() throws Exception {
        node = EmbeddedNode.builder().build();
        server = new L402TestServer(node);
        server.priceMsat = PRICE_MSAT;
        lnbits = new LnbitsContractServer(node, "");
        wallet = lnbits.createWallet("dev", 1_000_000);
    }

    @AfterEach
    void tearDown() {
        lnbits.close();
        server.close();
        node.close();
    }

    private LnbitsPayer payer() {
        return LnbitsPayer.builder(lnbits.baseUrl(), wallet.adminKey()).pollInterval(Duration.ofMillis(20)).build();
    }

    private L402Client client() {
        return L402Client.builder().payer(payer()).tokenDirectory(tokens).listener(events::add)
                .pollInterval(Duration.ofMillis(20)).build();
    }

    private HttpResponse<String> get(L402Client client) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri("/quote")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What a process leaves behind when it stops after storing the pending token (and maybe paying). */
    private Challenge pendingTokenOnDisk() throws Exception {
        Challenge challenge = server.mint();
        L402Identifier id = L402Identifier.decode(challenge.macaroon().identifier());
        new FileTokenStore(tokens).save(StoredToken.pending(Origin.of(server.uri("/")), challenge.macaroon(),
                challenge.invoice(), id.paymentHash(), PRICE_MSAT, Instant.now()));
        return challenge;
    }

    private StoredToken storedToken() throws Exception {
        return new FileTokenStore(tokens).load(Origin.of(server.uri("/"))).orElseThrow();
    }

    @Test
    void fullFlowPaysOnceThroughLnbitsAndReusesTheToken() throws Exception {
        try (L402Client client = client()) {
            assertThat(get(client).statusCode()).isEqualTo(200);
            assertThat(get(client).statusCode()).isEqualTo(200);
        }
        assertThat(lnbits.paymentsMade.get()).isEqualTo(1);
        assertThat(lnbits.balanceMsat(wallet)).isEqualTo(1_000_000 - PRICE_MSAT);
        assertThat(storedToken().isPaid()).isTrue();
    }

    @Test
    void aCrashBetweenPayingAndStoringIsResumedWithoutPayingTwice() throws Exception {
        Challenge challenge = pendingTokenOnDisk();
        payer().pay(challenge.invoice(), new PaymentLimits(PRICE_MSAT, 0)); // paid, then the process died
        assertThat(lnbits.paymentsMade.get()).isEqualTo(1);

        try (L402Client client = client()) {
            assertThat(get(client).statusCode()).isEqualTo(200);
        }
        assertThat(lnbits.paymentsMade.get()).as("no second payment").isEqualTo(1);
        assertThat(storedToken().isPaid()).isTrue();
        assertThat(storedToken().paymentHash().toHex())
                .isEqualTo(L402Identifier.decode(challenge.macaroon().identifier()).paymentHash().toHex());
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .contains("PendingTokenFound", "PaymentRecovered").doesNotContain("Paying");
    }

    @Test
    void anInterruptedPaymentStillInFlightIsWaitedFor() throws Exception {
        Challenge challenge = pendingTokenOnDisk();
        payer().pay(challenge.invoice(), new PaymentLimits(PRICE_MSAT, 0));
        lnbits.pendingStatusAnswers.set(3);
        try (L402Client client = client()) {
            assertThat(get(client).statusCode()).isEqualTo(200);
        }
        assertThat(lnbits.paymentsMade.get()).isEqualTo(1);
    }

    @Test
    void anInterruptedPaymentInFlightTooLongIsNotPaidAgain() throws Exception {
        Challenge challenge = pendingTokenOnDisk();
        payer().pay(challenge.invoice(), new PaymentLimits(PRICE_MSAT, 0));
        lnbits.pendingStatusAnswers.set(1_000);
        try (L402Client client = L402Client.builder().payer(payer()).tokenDirectory(tokens)
                .recoveryTimeout(Duration.ofMillis(200)).pollInterval(Duration.ofMillis(20)).build()) {
            assertThatThrownBy(() -> get(client))
                    .isInstanceOfSatisfying(L402PaymentException.class,
                            e -> assertThat(e.outcome()).isEqualTo(L402PaymentException.Outcome.UNKNOWN))
                    .hasMessageContaining("still in flight");
        }
        assertThat(lnbits.paymentsMade.get()).isEqualTo(1);
        assertThat(storedToken().isPaid()).isFalse();
    }

    @Test
    void aPendingTokenTheWalletNeverSawIsDroppedAndAFreshChallengePaid() throws Exception {
        pendingTokenOnDisk(); // stopped before the payment request left
        try (L402Client client = client()) {
            assertThat(get(client).statusCode()).isEqualTo(200);
        }
        assertThat(lnbits.paymentsMade.get()).isEqualTo(1);
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).contains("PendingTokenDropped", "Paid");
    }

    @Test
    void aMalformedPaymentAnswerLeavesThePendingTokenAndTheNextRequestRecoversIt() throws Exception {
        lnbits.malformedPaymentResponses = true;
        try (L402Client client = client()) {
            assertThatThrownBy(() -> get(client))
                    .isInstanceOfSatisfying(L402PaymentException.class,
                            e -> assertThat(e.outcome()).isEqualTo(L402PaymentException.Outcome.UNKNOWN));
            assertThat(storedToken().isPaid()).isFalse();
            lnbits.malformedPaymentResponses = false;
            assertThat(get(client).statusCode()).isEqualTo(200);
        }
        assertThat(lnbits.paymentsMade.get()).isEqualTo(1);
        assertThat(storedToken().isPaid()).isTrue();
    }

    @Test
    void insufficientBalanceFailsWithNothingPaidAndNothingStored() throws Exception {
        server.priceMsat = 900_000;
        LnbitsContractServer.Wallet poor = lnbits.createWallet("poor", 1_000);
        try (L402Client client = L402Client.builder()
                .payer(LnbitsPayer.builder(lnbits.baseUrl(), poor.adminKey()).build()).tokenDirectory(tokens).build()) {
            assertThatThrownBy(() -> get(client))
                    .isInstanceOfSatisfying(L402PaymentException.class, e -> {
                        assertThat(e.outcome()).isEqualTo(L402PaymentException.Outcome.NOT_PAID);
                        assertThat(e.getCause()).isInstanceOfSatisfying(PaymentRefusedException.class, c -> assertThat(
                                c.reason()).isEqualTo(PaymentRefusedException.Reason.INSUFFICIENT_BALANCE));
                    })
                    .hasMessageContaining("Insufficient balance.");
        }
        assertThat(new FileTokenStore(tokens).load(Origin.of(server.uri("/")))).isEmpty();
    }

    @Test
    void aFeeAboveTheLimitIsReported() throws Exception {
        lnbits.reportedFeeMsat = 11_000;
        try (L402Client client = client()) {
            assertThat(get(client).statusCode()).isEqualTo(200);
        }
        assertThat(events).contains(new L402Event.FeeAboveLimit(Origin.of(server.uri("/")), 11_000, 10_000));
    }

    @Test
    void concurrentRequestsPayOnceThroughLnbits() throws Exception {
        try (L402Client client = client()) {
            assertThat(L402ClientTest.concurrently(10, i -> get(client).statusCode())).containsOnly(200);
        }
        assertThat(lnbits.paymentsMade.get()).isEqualTo(1);
    }
}
