package dev.turnpike.cli;

import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.Price;
import dev.turnpike.l402.RequestContext;
import dev.turnpike.l402.ServiceSpec;
import dev.turnpike.l402.VerificationResult;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.l402.macaroon.Caveat;
import dev.turnpike.l402.macaroon.Macaroon;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.embedded.WalletCredentials;
import dev.turnpike.lightning.node.InvoiceState;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The seed's L402 flow once, in one process, on the embedded defaults, each step printed: the 402
 * challenge, the decoded invoice, the payment by a dev wallet, the token, its verification, and
 * what the verifier refuses.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Runs the whole L402 exchange in one process on the embedded Lightning node and prints each step.")
final class DemoCommand extends PrintingCommand {

    static final String SERVICE = "quotes";

    @Option(names = "--price", defaultValue = "10", paramLabel = "SATS", description = "Price of a token (default: ${DEFAULT-VALUE} sat).")
    long priceSats;

    @Option(names = "--max-cost", defaultValue = "100", paramLabel = "SATS",
            description = "The client's budget: it pays automatically up to this (default: ${DEFAULT-VALUE} sat).")
    long maxCostSats;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the demo's state here (default: a temporary folder, removed afterwards).")
    Path dataDir;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = out();
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("turnpike-demo");
        try (DevStack stack = DevStack.open(dir)) {
            return run(stack, dir);
        } finally {
            if (dataDir == null) {
                deleteTree(dir);
            }
        }
    }

    private int run(DevStack stack, Path dir) throws Exception {
        out.println("Turnpike demo: the L402 exchange, in one process, on the embedded Lightning node ("
                + stack.node.network().name().toLowerCase(java.util.Locale.ROOT) + ", node id "
                + stack.node.nodeId().toHex() + ") with the SQLite store in " + dir);

        // 1. No token: mint one tied to a fresh invoice and answer 402.
        ServiceSpec spec = ServiceSpec.builder(SERVICE)
                .price(Price.sats(priceSats))
                .capabilities("read")
                .lifetime(Duration.ofHours(1))
                .build();
        Challenge minted = stack.minter(false).mint(spec);
        List<String> wwwAuthenticate = L402Headers.challengeValues(minted);
        step(1, "The client asks GET /" + SERVICE + "/today without a token. The gateway mints a token tied to a"
                + " fresh invoice and answers:");
        out.println("      HTTP/1.1 402 Payment Required");
        wwwAuthenticate.forEach(v -> out.println("      " + L402Headers.WWW_AUTHENTICATE + ": " + v));

        // 2. The client reads the challenge and decodes the invoice.
        Challenge challenge = expectOk(L402Headers.parseChallenges(wwwAuthenticate), "challenge");
        Bolt11Invoice invoice = Bolt11Invoice.decode(challenge.invoice());
        L402Identifier id = L402Identifier.decode(challenge.macaroon().identifier());
        long amountMsat = invoice.amountMsat().orElseThrow();
        step(2, "The client parses the challenge and decodes the invoice (signature verified):");
        out.println("      amount " + amountMsat / 1000 + " sat, payee " + invoice.payee().toHex() + ", expires "
                + invoice.expiresAt() + ", memo \"" + invoice.description().orElse("") + "\"");
        out.println("      payment hash " + id.paymentHash().toHex() + " (the same in invoice and macaroon: "
                + id.paymentHash().toHex().equals(invoice.paymentHash().toHex()) + ")");
        out.println("      macaroon: token id " + id.tokenId().toHex() + ", caveats " + caveats(challenge.macaroon()));
        if (amountMsat > maxCostSats * 1000) {
            out.println("      the price is above the budget of " + maxCostSats + " sat: the client does not pay.");
            return 1;
        }
        out.println("      " + amountMsat / 1000 + " sat is within the user's budget of " + maxCostSats
                + " sat: the client pays automatically.");

        // 3. A dev wallet pays the invoice by internal payment.
        WalletCredentials wallet = stack.node.createWallet();
        stack.node.fund(wallet.walletId(), 1_000_000);
        long before = stack.node.balanceMsat(wallet.walletId());
        PaymentResult paid = stack.node.payer(wallet.walletId())
                .pay(challenge.invoice(), new PaymentLimits(maxCostSats * 1000, 0));
        InvoiceState state = stack.node.lookup(paid.paymentHash()).orElseThrow().state();
        step(3, "The client's dev wallet pays the invoice (internal payment on the embedded node):");
        out.println("      wallet balance " + before / 1000 + " sat -> " + stack.node.balanceMsat(wallet.walletId()) / 1000
                + " sat, fee " + paid.feeMsat() + " msat; invoice " + state);
        Preimage preimage = Preimage.of(paid.preimage().bytes());
        out.println("      preimage received; sha256(preimage) = payment hash: " + preimage.matches(id.paymentHash()));

        // 4. Macaroon + preimage = token; retry with it.
        Credential credential = new Credential(challenge.macaroon(), preimage);
        String authorization = L402Headers.authorizationValue(credential);
        step(4, "The client stores macaroon + preimage as its token and retries with:");
        out.println("      " + L402Headers.AUTHORIZATION + ": " + authorization);

        // 5. The gateway verifies it.
        Credential received = expectOk(L402Headers.parseAuthorizationValue(authorization), "credential");
        RequestContext request = RequestContext.forService(SERVICE).requiringCapability("read");
        VerificationResult verdict = stack.verifier.verify(received, request);
        step(5, "The gateway verifies the token (parse, preimage hash, root key, HMAC chain, revocation, caveats):");
        out.println("      " + describe(verdict) + "  -> the request is forwarded; later requests reuse the token, no payment");
        if (!verdict.isValid()) {
            return 1;
        }

        // 6. What it refuses.
        step(6, "What the gateway refuses:");
        refuse("a wrong preimage", stack.verifier.verify(new Credential(credential.macaroon(),
                Preimage.of(new byte[32])), request));
        refuse("a tampered caveat (capability widened)", stack.verifier.verify(
                new Credential(tamper(credential.macaroon()), preimage), request));
        refuse("the token for another service", stack.verifier.verify(received, RequestContext.forService("weather")));
        refuse("a capability it was not granted", stack.verifier.verify(received,
                RequestContext.forService(SERVICE).requiringCapability("write")));
        refuse("the token two hours later", stack.verifier(Clock.offset(stack.clock, Duration.ofHours(2)))
                .verify(received, request));
        out.println();
        out.println("Done: one payment, one token. ./turnpike l402 mint --service demo --price 10 --pay  mints your own.");
        return 0;
    }

    private void step(int n, String text) {
        out.println();
        out.println("[" + n + "] " + text);
    }

    private void refuse(String what, VerificationResult result) {
        out.printf("      %-42s -> %s%n", what, describe(result));
    }

    private static String describe(VerificationResult result) {
        return switch (result) {
            case VerificationResult.Valid v -> "VALID (token id " + v.tokenId().toHex().substring(0, 16)
                    + "…, tier " + v.tier() + ")";
            case VerificationResult.Invalid i -> "refused: " + i.reason();
        };
    }

    /** The same macaroon with its capabilities caveat widened and the old signature kept. */
    private static Macaroon tamper(Macaroon m) {
        List<Caveat> caveats = new ArrayList<>();
        for (Caveat c : m.caveats()) {
            caveats.add(c.idAsString().startsWith(SERVICE + "_capabilities=")
                    ? Caveat.firstParty(SERVICE + "_capabilities=read,write")
                    : c);
        }
        return Macaroon.of(m.location(), m.identifier(), caveats, m.signature());
    }

    private static List<String> caveats(Macaroon m) {
        return m.caveats().stream().map(Caveat::idAsString).toList();
    }

    private static <T> T expectOk(ParseResult<T> result, String what) {
        return switch (result) {
            case ParseResult.Ok<T> ok -> ok.value();
            case ParseResult.Err<T> err -> throw new IllegalStateException(
                    "our own " + what + " did not parse: " + err.error() + " " + err.detail());
        };
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
