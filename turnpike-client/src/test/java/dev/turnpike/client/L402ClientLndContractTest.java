package dev.turnpike.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.client.pay.LndPayer;
import dev.turnpike.client.pay.PaymentStatus;
import dev.turnpike.client.token.FileTokenStore;
import dev.turnpike.client.token.Origin;
import dev.turnpike.client.token.StoredToken;
import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.devnode.WalletCredentials;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.nodes.fake.FakeLnd;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The L402 client paying through lnd ({@link FakeLnd}, whose router pays from a wallet of the embedded node that also
 * backs the L402 server): the whole flow, and a payment in flight when the process died.
 */
class L402ClientLndContractTest {

    private static final long PRICE_MSAT = 10_000;

    @TempDir
    Path dir;

    private EmbeddedNode node;
    private L402TestServer server;
    private FakeLnd lnd;
    private final List<L402Event> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() throws Exception {
        node = EmbeddedNode.builder().build();
        server = new L402TestServer(node);
        server.priceMsat = PRICE_MSAT;
        WalletCredentials wallet = node.createWallet();
        node.fund(wallet.walletId(), 1_000_000);
        lnd = new FakeLnd(dir, Network.REGTEST);
        lnd.payments().payThrough(node.payer(wallet.walletId()));
    }

    @AfterEach
    void tearDown() {
        lnd.close();
        server.close();
        node.close();
    }

    private LndPayer payer() throws Exception {
        return LndPayer.builder(lnd.address(), lnd.certificateFile(), lnd.macaroonFile()).build();
    }

    private L402Client client() throws Exception {
        return L402Client.builder().payer(payer()).tokenDirectory(dir.resolve("tokens")).listener(events::add)
                .pollInterval(Duration.ofMillis(20)).build();
    }

    private HttpResponse<String> get(L402Client client) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri("/quote")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void paysOnceThroughLndAndReusesTheToken() throws Exception {
        try (L402Client client = client()) {
            assertThat(get(client).statusCode()).isEqualTo(200);
            assertThat(get(client).statusCode()).isEqualTo(200);
        }
        assertThat(lnd.payments().sentCount()).isEqualTo(1);
    }

    @Test
    void aPaymentInFlightWhenTheProcessDiedIsResumedByHashAndNotSentAgain() throws Exception {
        Challenge challenge = server.mint();
        L402Identifier id = L402Identifier.decode(challenge.macaroon().identifier());
        new FileTokenStore(dir.resolve("tokens")).save(StoredToken.pending(Origin.of(server.uri("/")),
                challenge.macaroon(), challenge.invoice(), id.paymentHash(), PRICE_MSAT, Instant.now()));
        PaymentHash hash = Bolt11Invoice.decode(challenge.invoice()).paymentHash();
        lnd.payments().hold();
        LndPayer dying = payer();
        CompletableFuture<?> interrupted = CompletableFuture.runAsync(() -> {
            try {
                dying.pay(challenge.invoice(), new PaymentLimits(PRICE_MSAT, 1000));
            } catch (Exception expected) {
                // the process "dies": its stream is cut below
            }
        });
        awaitInFlight(dying, hash);
        lnd.cutStreams();
        interrupted.get(10, TimeUnit.SECONDS);

        try (L402Client client = client()) {
            CompletableFuture<HttpResponse<String>> resumed = CompletableFuture.supplyAsync(() -> {
                try {
                    return get(client);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            lnd.payments().release();
            assertThat(resumed.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(lnd.payments().sentCount()).as("sent once").isEqualTo(1);
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .contains("PendingTokenFound", "PaymentRecovered").doesNotContain("Paying");
    }

    private static void awaitInFlight(LndPayer payer, PaymentHash hash) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Optional<PaymentStatus> status = payer.status(hash);
        while (status.isEmpty() && System.nanoTime() < deadline) {
            status = payer.status(hash);
        }
        assertThat(status).get().isInstanceOf(PaymentStatus.InFlight.class);
    }
}
