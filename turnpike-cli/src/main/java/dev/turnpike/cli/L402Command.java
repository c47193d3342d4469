package dev.turnpike.cli;

import dev.turnpike.devnode.WalletCredentials;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.L402Caveat;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.Price;
import dev.turnpike.l402.RequestContext;
import dev.turnpike.l402.ServiceGrant;
import dev.turnpike.l402.ServiceSpec;
import dev.turnpike.l402.VerificationResult;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.l402.macaroon.Caveat;
import dev.turnpike.l402.macaroon.Macaroon;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "l402",
        mixinStandardHelpOptions = true,
        description = "L402 tokens: mint a challenge, explain a token.",
        subcommands = {L402Command.Mint.class, L402Command.Verify.class})
final class L402Command {

    @Command(
            name = "mint",
            mixinStandardHelpOptions = true,
            description = {
                "Mints a token for a service and prints the 402 challenge headers: a macaroon and an invoice"
                        + " from the embedded Lightning node.",
                "With --pay, a dev wallet (funded by the node's faucet) pays the invoice and the complete"
                        + " Authorization header is printed, ready for `l402 verify`."
            })
    static final class Mint extends PrintingCommand {

        @Mixin
        DataDirOption data = new DataDirOption();

        @Option(names = "--service", required = true, description = "Service name (letters, digits, _ - .).")
        String service;

        @Option(names = "--price", required = true, paramLabel = "SATS", description = "Price in satoshis.")
        long priceSats;

        @Option(names = "--tier", defaultValue = "0", description = "Service tier (default: ${DEFAULT-VALUE}).")
        int tier;

        @Option(names = "--capabilities", split = ",", paramLabel = "CAP", description = "Capabilities granted, comma-separated.")
        List<String> capabilities;

        @ArgGroup(exclusive = true)
        Expiry expiry = new Expiry();

        static final class Expiry {
            @Option(names = "--lifetime", converter = DurationConverter.class, defaultValue = "1h",
                    description = "Token lifetime, e.g. 30m, 12h, 7d (default: ${DEFAULT-VALUE}).")
            Duration lifetime = Duration.ofHours(1);

            @Option(names = "--no-expiry", description = "Mint a token that never expires (not recommended).")
            boolean noExpiry;
        }

        @Option(names = "--pay", description = "Pay the invoice from a dev wallet and print the complete token.")
        boolean pay;

        @Override
        public Integer call() throws Exception {
            try (DevStack stack = DevStack.open(data.resolve())) {
                ServiceSpec.Builder spec = ServiceSpec.builder(service).tier(tier).price(Price.sats(priceSats));
                if (capabilities != null) {
                    spec.capabilities(capabilities);
                }
                if (expiry.noExpiry) {
                    spec.withoutExpiry();
                } else {
                    spec.lifetime(expiry.lifetime);
                }
                Challenge challenge = stack.mint(spec.build(), expiry.noExpiry);
                L402Identifier id = L402Identifier.decode(challenge.macaroon().identifier());
                out().println("# token id " + id.tokenId().toHex() + ", payment hash " + id.paymentHash().toHex()
                        + ", " + priceSats + " sat; the invoice expires in " + DevStack.INVOICE_EXPIRY.toMinutes() + " min");
                for (String value : L402Headers.challengeValues(challenge)) {
                    out().println(L402Headers.WWW_AUTHENTICATE + ": " + value);
                }
                if (pay) {
                    PaymentResult paid = payFromFaucetWallet(stack, challenge.invoice(), Price.sats(priceSats));
                    Credential credential = new Credential(challenge.macaroon(), Preimage.of(paid.preimage().bytes()));
                    out().println("# paid by a new dev wallet funded by the node's faucet");
                    out().println(L402Headers.AUTHORIZATION + ": " + L402Headers.authorizationValue(credential));
                }
            }
            return 0;
        }

        private static PaymentResult payFromFaucetWallet(DevStack stack, String invoice, Price price) throws Exception {
            WalletCredentials wallet = stack.node.createWallet();
            stack.node.fund(wallet.walletId(), price.msat());
            return stack.node.payer(wallet.walletId()).pay(invoice, new PaymentLimits(price.msat(), 0));
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Explains a token: identifier fields, caveats, and the verdict with its reason, checked against"
                        + " the root keys minted with this data folder.",
                "Exit code 0 when valid, 1 when not."
            })
    static final class Verify extends PrintingCommand {

        @Mixin
        DataDirOption data = new DataDirOption();

        @Option(names = "--token", required = true,
                description = "'L402 <macaroon>:<preimage>' (or LSAT, or without the scheme, or the whole"
                        + " 'Authorization: L402 …' line as pasted).")
        String token;

        @Option(names = "--service", description = "Service the request is for (default: the token's first service).")
        String service;

        @Option(names = "--capability", description = "Capability the request needs (default: none).")
        String capability;

        /** {@code Authorization: L402 …} as copied from a request: the header's value. */
        private static String withoutHeaderName(String pasted) {
            return pasted.regionMatches(true, 0, "Authorization:", 0, 14) ? pasted.substring(14).strip() : pasted;
        }

        @Override
        public Integer call() throws Exception {
            String value = withoutHeaderName(token.strip());
            if (!value.regionMatches(true, 0, "L402 ", 0, 5) && !value.regionMatches(true, 0, "LSAT ", 0, 5)) {
                value = "L402 " + value;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            ParseResult<Credential> parsed = L402Headers.parseAuthorizationValue(value);
            if (parsed instanceof ParseResult.Err<Credential> err) {
                out.put("verdict", "invalid");
                out.put("reason", "malformed_credential"); // the gateway's word for it
                out.put("detail", err.error() + ": " + err.detail());
                out().println(Json.pretty(out));
                return 1;
            }
            Credential credential = ((ParseResult.Ok<Credential>) parsed).value();
            Macaroon macaroon = credential.macaroon();
            String forService = service != null ? service : firstService(macaroon);
            RequestContext context = RequestContext.forService(forService == null ? "" : forService);
            if (capability != null) {
                context = context.requiringCapability(capability);
            }
            VerificationResult result;
            try (TokenBooks books = TokenBooks.open(data.resolve(), Clock.systemUTC())) {
                result = books.verifier().verify(credential, context);
            }
            switch (result) {
                case VerificationResult.Valid v -> {
                    out.put("verdict", "valid");
                    out.put("token_id", v.tokenId().toHex());
                    out.put("tier", v.tier());
                }
                case VerificationResult.Invalid i -> {
                    out.put("verdict", "invalid");
                    out.put("reason", i.reason().name().toLowerCase(Locale.ROOT)); // as in the gateway's 402
                    i.failure().ifPresent(f -> out.put("detail", f.getMessage()));
                }
            }
            out.put("checked_for", checkedFor(forService, capability));
            out.put("location", macaroon.location());
            out.put("identifier", identifier(macaroon));
            out.put("caveats", caveats(macaroon));
            out.put("preimage_matches_payment_hash", preimageMatches(macaroon, credential.preimage()));
            out().println(Json.pretty(out));
            return result.isValid() ? 0 : 1;
        }

        private static Map<String, Object> checkedFor(String service, String capability) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service", service);
            m.put("capability", capability);
            return m;
        }

        private static Object identifier(Macaroon macaroon) {
            try {
                L402Identifier id = L402Identifier.decode(macaroon.identifier());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("version", id.version());
                m.put("payment_hash", id.paymentHash().toHex());
                m.put("token_id", id.tokenId().toHex());
                return m;
            } catch (Exception e) {
                return "not an L402 identifier: " + e.getMessage();
            }
        }

        private static Boolean preimageMatches(Macaroon macaroon, Preimage preimage) {
            try {
                return preimage.matches(L402Identifier.decode(macaroon.identifier()).paymentHash());
            } catch (Exception e) {
                return null;
            }
        }

        private static List<String> caveats(Macaroon macaroon) {
            List<String> out = new ArrayList<>();
            for (Caveat c : macaroon.caveats()) {
                String text = c.isFirstParty() ? c.idAsString() : "(third-party caveat)";
                L402Caveat caveat = L402Caveat.parse(text);
                if (caveat != null && caveat.condition().endsWith(L402Caveat.VALID_UNTIL_SUFFIX)) {
                    Long seconds = L402Caveat.parseUnixSeconds(caveat.value());
                    if (seconds != null) {
                        text += "  (" + Instant.ofEpochSecond(seconds) + ")";
                    }
                }
                out.add(text);
            }
            return out;
        }

        private static String firstService(Macaroon macaroon) {
            for (Caveat c : macaroon.caveats()) {
                if (!c.isFirstParty()) {
                    continue;
                }
                L402Caveat caveat = L402Caveat.parse(c.idAsString());
                if (caveat != null && caveat.condition().equals(L402Caveat.SERVICES)) {
                    List<ServiceGrant> grants = L402Caveat.parseServices(caveat.value());
                    return grants == null ? null : grants.get(0).name();
                }
            }
            return null;
        }
    }
}
