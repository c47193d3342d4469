package dev.turnpike.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.client.pay.EmbeddedPayer;
import dev.turnpike.client.token.FileTokenStore;
import dev.turnpike.client.token.Origin;
import dev.turnpike.client.token.StoredToken;
import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.devnode.WalletCredentials;
import dev.turnpike.devnode.WalletId;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.PrivateKey;
import dev.turnpike.lightning.node.InvoiceRequest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real L402 server on loopback, paying from an embedded dev wallet. */
class L402ClientTest {

    private static final long PRICE_MSAT = 10_000;

    @TempDir
    Path tokens;

    private EmbeddedNode node;
    private L402TestServer server;
    private EmbeddedPayer payer;
    private WalletId walletId;
    private final List<L402Event> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() throws Exception {
        node = EmbeddedNode.builder().build();
        server = new L402TestServer(node);
        server.priceMsat = PRICE_MSAT;
        WalletCredentials wallet = node.createWallet();
        node.fund(wallet.walletId(), 100_000_000);
        walletId = wallet.walletId();
        payer = new EmbeddedPayer(node, walletId);
    }

    @AfterEach
    void tearDown() {
        server.close();
        node.close();
    }

    private L402Client.Builder clientBuilder() {
        return L402Client.builder().payer(payer).tokenDirectory(tokens).listener(events::add);
    }

    private static HttpResponse<String> get(L402Client client, L402TestServer server) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri("/quote")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Path tokenFile() {
        return new FileTokenStore(tokens).fileFor(Origin.of(server.uri("/")));
    }

    @Test
    void paysOnceThenReusesTheStoredToken() throws Exception {
        try (L402Client client = clientBuilder().build()) {
            HttpResponse<String> first = get(client, server);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("the quote of the day");

            HttpResponse<String> second = get(client, server);
            assertThat(second.statusCode()).isEqualTo(200);
        }
        assertThat(node.receivedMsat()).as("one payment").isEqualTo(PRICE_MSAT);
        assertThat(server.challenges.get()).isEqualTo(1);
        assertThat(server.served.get()).isEqualTo(2);
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "ChallengeReceived", "InvoiceDecoded", "Paying", "Paid", "TokenStored", "Retried", "TokenAttached");
        assertThat(new FileTokenStore(tokens).load(Origin.of(server.uri("/")))).get()
                .satisfies(t -> assertThat(t.isPaid()).isTrue());
    }

    @Test
    void aNewClientOnTheSameFolderUsesTheTokenWithoutPaying() throws Exception {
        try (L402Client client = clientBuilder().build()) {
            get(client, server);
        }
        try (L402Client later = clientBuilder().build()) {
            assertThat(get(later, server).statusCode()).isEqualTo(200);
        }
        assertThat(node.receivedMsat()).isEqualTo(PRICE_MSAT);
    }

    @Test
    void anInvoiceAboveTheMaxCostIsRefusedAndNotPaid() throws Exception {
        server.priceMsat = 1_000_001; // one msat over lnget's default of 1000 sat
        try (L402Client client = clientBuilder().build()) {
            assertThatThrownBy(() -> get(client, server))
                    .isInstanceOfSatisfying(ChallengeRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(ChallengeRefusedException.Reason.ABOVE_MAX_COST))
                    .hasMessageContaining("1000.001 sat").hasMessageContaining("max cost of 1000 sat");
        }
        assertThat(node.receivedMsat()).isZero();
        assertThat(tokenFile()).doesNotExist();
    }

    @Test
    void aLowerMaxCostIsHonoured() throws Exception {
        try (L402Client client = clientBuilder().maxCostMsat(PRICE_MSAT - 1).build()) {
            assertThatThrownBy(() -> get(client, server)).isInstanceOf(ChallengeRefusedException.class);
        }
        try (L402Client client = clientBuilder().maxCostMsat(PRICE_MSAT).build()) {
            assertThat(get(client, server).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anInvoiceWhoseHashIsNotTheMacaroonsIsRefused() throws Exception {
        server.tamper = c -> {
            try {
                var other = node.createInvoice(new InvoiceRequest(PRICE_MSAT, "other", Duration.ofMinutes(10)));
                return new Challenge(c.macaroon(), other.bolt11());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        try (L402Client client = clientBuilder().build()) {
            assertThatThrownBy(() -> get(client, server))
                    .isInstanceOfSatisfying(ChallengeRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(ChallengeRefusedException.Reason.HASH_MISMATCH));
        }
        assertThat(node.receivedMsat()).isZero();
        assertThat(tokenFile()).doesNotExist();
    }

    @Test
    void anInvoiceWithoutAmountIsRefused() throws Exception {
        server.tamper = c -> {
            try {
                PaymentHash hash = PaymentHash.of(L402Identifier.decode(c.macaroon().identifier()).paymentHash().toByteArray());
                Bolt11Invoice any = Bolt11Invoice.builder(node.network()).timestamp(Instant.now()).paymentHash(hash)
                        .paymentSecret(new byte[32]).description("any amount").sign(PrivateKey.generate(new SecureRandom()));
                return new Challenge(c.macaroon(), any.encoded());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        try (L402Client client = clientBuilder().build()) {
            assertThatThrownBy(() -> get(client, server))
                    .isInstanceOfSatisfying(ChallengeRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(ChallengeRefusedException.Reason.NO_AMOUNT));
        }
        assertThat(node.receivedMsat()).isZero();
    }

    @Test
    void aTamperedInvoiceIsRefused() throws Exception {
        server.tamper = c -> {
            String inv = c.invoice();
            int i = inv.length() - 10;
            return new Challenge(c.macaroon(), inv.substring(0, i) + (inv.charAt(i) == 'q' ? 'p' : 'q') + inv.substring(i + 1));
        };
        try (L402Client client = clientBuilder().build()) {
            assertThatThrownBy(() -> get(client, server))
                    .isInstanceOfSatisfying(ChallengeRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(ChallengeRefusedException.Reason.INVALID_INVOICE));
        }
        assertThat(node.receivedMsat()).isZero();
    }

    @Test
    void anExpiredInvoiceIsRefused() throws Exception {
        Clock inAnHour = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
        try (L402Client client = clientBuilder().clock(inAnHour).build()) {
            assertThatThrownBy(() -> get(client, server))
                    .isInstanceOfSatisfying(ChallengeRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(ChallengeRefusedException.Reason.EXPIRED))
                    .hasMessageContaining("expired at");
        }
        assertThat(node.receivedMsat()).isZero();
        assertThat(tokenFile()).doesNotExist();
    }

    @Test
    void aTokenTheServerNoLongerKnowsIsEvictedAndReplacedWithOnePayment() throws Exception {
        try (L402Client client = clientBuilder().build()) {
            get(client, server);
            server.forgetTokens();
            events.clear();
            HttpResponse<String> r = get(client, server);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(get(client, server).statusCode()).isEqualTo(200);
        }
        assertThat(node.receivedMsat()).isEqualTo(2 * PRICE_MSAT);
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .startsWith("TokenAttached", "ChallengeReceived", "TokenEvicted", "InvoiceDecoded", "Paying", "Paid");
    }

    @Test
    void a402AfterPayingIsReturnedAsItIsAndPaidForOnlyOnce() throws Exception {
        server.tamper = c -> {
            server.forgetTokens(); // every token is unknown at once
            return c;
        };
        try (L402Client client = clientBuilder().build()) {
            HttpResponse<String> r = get(client, server);
            assertThat(r.statusCode()).isEqualTo(402);
            assertThat(r.body()).contains("Payment Required");
        }
        assertThat(node.receivedMsat()).isEqualTo(PRICE_MSAT);
    }

    @Test
    void tenConcurrentRequestsToOneOriginPayOnce() throws Exception {
        try (L402Client client = clientBuilder().build()) {
            assertThat(concurrently(10, i -> get(client, server).statusCode())).containsOnly(200);
        }
        assertThat(node.receivedMsat()).isEqualTo(PRICE_MSAT);
        assertThat(events).filteredOn(e -> e instanceof L402Event.Paid).hasSize(1);
    }

    @Test
    void twoClientsWithTheirOwnStoresOnOneFolderPayOnce() throws Exception {
        // as two processes would: separate store objects, shared files and file locks
        try (L402Client a = L402Client.builder().payer(payer).tokenStore(new FileTokenStore(tokens)).build();
                L402Client b = L402Client.builder().payer(payer).tokenStore(new FileTokenStore(tokens)).build()) {
            assertThat(concurrently(10, i -> get(i % 2 == 0 ? a : b, server).statusCode())).containsOnly(200);
        }
        assertThat(node.receivedMsat()).isEqualTo(PRICE_MSAT);
    }

    @Test
    void aCorruptTokenFileIsIgnored() throws Exception {
        Files.createDirectories(tokenFile().getParent());
        Files.writeString(tokenFile(), "{\"version\": 1, \"origin\": \"garbage");
        try (L402Client client = clientBuilder().build()) {
            assertThat(get(client, server).statusCode()).isEqualTo(200);
        }
        assertThat(node.receivedMsat()).isEqualTo(PRICE_MSAT);
        assertThat(new FileTokenStore(tokens).load(Origin.of(server.uri("/")))).isPresent();
    }

    @Test
    void theTokenFileIsReadableByItsOwnerOnly() throws Exception {
        try (L402Client client = clientBuilder().build()) {
            get(client, server);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile()))).isEqualTo("rw-------");
        try (var files = Files.list(tokens)) {
            assertThat(files.filter(f -> f.toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void theTokenFolderIsCreatedOwnerOnly() throws Exception {
        Path folder = tokens.resolve("new").resolve("tokens");
        try (L402Client client = L402Client.builder().payer(payer).tokenDirectory(folder).build()) {
            get(client, server);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    }

    @Test
    void withoutAPayerThe402IsReturned() throws Exception {
        try (L402Client client = L402Client.builder().tokenDirectory(tokens).listener(events::add).build()) {
            HttpResponse<String> r = get(client, server);
            assertThat(r.statusCode()).isEqualTo(402);
            assertThat(r.headers().allValues("WWW-Authenticate")).hasSize(2);
        }
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("ChallengeReceived", "NoPayer");
    }

    @Test
    void aCrashAfterPayingIsResumedFromThePayersRecord() throws Exception {
        // a process stored the pending token, paid, and stopped before storing the preimage
        Challenge challenge = server.mint();
        Origin origin = Origin.of(server.uri("/"));
        L402Identifier id = L402Identifier.decode(challenge.macaroon().identifier());
        new FileTokenStore(tokens).save(StoredToken.pending(origin, challenge.macaroon(), challenge.invoice(),
                id.paymentHash(), PRICE_MSAT, Instant.now()));
        // the crashed process's payer: the new client's payer instance knows nothing of it
        new EmbeddedPayer(node, walletId).pay(challenge.invoice(),
                new dev.turnpike.lightning.node.PaymentLimits(PRICE_MSAT, 0));

        try (L402Client client = clientBuilder().build()) {
            assertThat(get(client, server).statusCode()).isEqualTo(200);
        }
        assertThat(node.receivedMsat()).as("no second payment").isEqualTo(PRICE_MSAT);
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .contains("PendingTokenFound", "PaymentRecovered").doesNotContain("Paying");
    }

    @Test
    void aBinaryBodyComesThroughUnchanged() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        server.body = all;
        try (L402Client client = clientBuilder().build()) {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(server.uri("/bin")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.body()).isEqualTo(all);
        }
        assertThat(new String(Files.readAllBytes(tokenFile()), StandardCharsets.UTF_8)).contains("\"state\" : \"paid\"");
    }

    interface Call<T> {
        T call(int i) throws Exception;
    }

    static <T> List<T> concurrently(int n, Call<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
