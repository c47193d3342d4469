package dev.turnpike.bench.soak;

import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.PopProof;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.client.L402Client;
import dev.turnpike.client.bifrost.BifrostApp;
import dev.turnpike.client.bifrost.BifrostWallet;
import dev.turnpike.client.bifrost.PendingLogin;
import dev.turnpike.client.bifrost.SessionRef;
import dev.turnpike.client.pay.LnbitsPayer;
import dev.turnpike.client.token.InMemoryTokenStore;
import dev.turnpike.client.token.Origin;
import dev.turnpike.client.token.TokenStore;
import dev.turnpike.l402.header.L402Headers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The soak's mixed traffic over the gateways of {@code soak.sh}: paid requests with tokens bought through the
 * instances' dev wallets, unpaid requests that take the 402 path (each mints a challenge with an invoice), whole
 * Bifrost session cycles across instances (opened on one, approved through another, read on the first), and
 * delegated requests with a fresh DPoP proof each. Every operation picks its instance at random, as a load balancer
 * would; each has the one status it must get.
 */
final class Traffic {

    /** The kinds of operation and their share of the mix (in percent). */
    enum Kind {
        PAID(60, 200), UNPAID(20, 402), DELEGATED(17, 200), SESSION(3, 200);

        final int percent;
        final int expected;

        Kind(int percent, int expected) {
            this.percent = percent;
            this.expected = expected;
        }

        static Kind pick(int roll) {
            int sum = 0;
            for (Kind k : values()) {
                sum += k.percent;
                if (roll < sum) {
                    return k;
                }
            }
            throw new IllegalArgumentException("roll " + roll + " is not below 100");
        }
    }

    static final String PAID_PATH = "/paid/item";
    static final String DELEGATED_PATH = "/delegated/item";
    private static final int TOKENS_PER_INSTANCE = 8;
    private static final int DELEGATIONS = 16;

    private final List<Instance> instances;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();
    private final Ed25519KeyPair user = Ed25519KeyPair.generate(random);
    private final List<String> paidTokens = new ArrayList<>();
    /** Delegated tokens and their app keys; session cycles replace them one by one. */
    private final AtomicReferenceArray<Delegation> delegations = new AtomicReferenceArray<>(DELEGATIONS);

    record Delegation(Ed25519KeyPair app, String token) {}

    Traffic(List<Instance> instances) {
        this.instances = List.copyOf(instances);
    }

    /** Buys tokens on every instance and logs in the first delegated apps: the traffic's working set. */
    void prepare() throws Exception {
        for (Instance instance : instances) {
            for (int i = 0; i < TOKENS_PER_INSTANCE; i++) {
                paidTokens.add(buyToken(instance));
            }
        }
        for (int i = 0; i < DELEGATIONS; i++) {
            delegations.set(i, login());
        }
    }

    /** Pays for a token through {@code instance}'s dev wallet; returns its {@code Authorization} value. */
    String buyToken(Instance instance) throws Exception {
        TokenStore store = new InMemoryTokenStore();
        try (L402Client client = L402Client.builder().tokenStore(store).httpClient(http)
                .payer(LnbitsPayer.builder(instance.resolve("/devwallet"), instance.walletKey()).build()).build()) {
            int status = client.send(HttpRequest.newBuilder(instance.resolve(PAID_PATH)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("buying a token on " + instance.base() + " ended in " + status);
            }
        }
        return L402Headers.authorizationValue(store.load(Origin.of(instance.base())).orElseThrow().credential());
    }

    /** One whole Bifrost login: opened on one instance, approved through another, the token read on the first. */
    Delegation login() throws Exception {
        Ed25519KeyPair app = Ed25519KeyPair.generate(random);
        Instance opener = anyInstance();
        Instance approver = anyInstance();
        try (BifrostApp bifrost = BifrostApp.builder(opener.base(), app).httpClient(http).build();
                BifrostWallet wallet = BifrostWallet.builder(user).httpClient(http).build()) {
            PendingLogin login = bifrost.open(Attributes.empty().withName("Soak App"));
            wallet.approve(wallet.fetch(new SessionRef(approver.base(), login.sessionId())), Duration.ofHours(1));
            return new Delegation(app, bifrost.awaitToken(login).compact());
        }
    }

    /** Runs one operation of {@code kind}; returns the status it got. */
    int run(Kind kind) throws Exception {
        return switch (kind) {
            case PAID -> get(anyInstance().resolve(PAID_PATH), paidTokens.get(
                    ThreadLocalRandom.current().nextInt(paidTokens.size())), null);
            case UNPAID -> get(anyInstance().resolve(PAID_PATH), null, null);
            case DELEGATED -> delegated();
            case SESSION -> {
                delegations.set(ThreadLocalRandom.current().nextInt(DELEGATIONS), login());
                yield 200;
            }
        };
    }

    private int delegated() throws Exception {
        Delegation d = delegations.get(ThreadLocalRandom.current().nextInt(DELEGATIONS));
        URI url = anyInstance().resolve(DELEGATED_PATH);
        String proof = PopProof.createDpop(d.app(), "GET", url.toString(), d.token(), Instant.now(), random);
        return get(url, "DPoP " + d.token(), proof);
    }

    private int get(URI url, String authorization, String dpop) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (dpop != null) {
            request.header("DPoP", dpop);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Instance anyInstance() {
        return instances.get(ThreadLocalRandom.current().nextInt(instances.size()));
    }
}
