package dev.turnpike.cli;

import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.session.ConfirmationCode;
import dev.turnpike.bifrost.session.SessionState;
import dev.turnpike.client.bifrost.BifrostWallet;
import dev.turnpike.client.bifrost.KeyFile;
import dev.turnpike.client.bifrost.SessionRef;
import dev.turnpike.client.bifrost.SessionView;
import dev.turnpike.client.bifrost.TokenFile;
import dev.turnpike.client.bifrost.UntrustedText;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "wallet",
        mixinStandardHelpOptions = true,
        description = "Bifrost, the wallet's side (the document's SEA): the user's key, and approving or denying"
                + " logins.",
        subcommands = {WalletCommand.Init.class, WalletCommand.Show.class, WalletCommand.Approve.class,
            WalletCommand.Deny.class, WalletCommand.Revoke.class})
final class WalletCommand {

    /** {@code --key-file}: the user's key pair. */
    static final class KeyFileOption {
        @Option(names = "--key-file", paramLabel = "FILE",
                description = "The user's key pair, owner-only"
                        + " (default: $TURNPIKE_HOME/bifrost/wallet.key, else ~/.turnpike/bifrost/wallet.key).")
        Path file;

        Path resolve() {
            return file != null ? file : BifrostFiles.walletKey();
        }
    }

    /** The session argument and {@code --bifrost}. */
    static final class SessionArgument {
        @Parameters(paramLabel = "SESSION",
                description = "The session page's URL as the application shows it, a wallet link"
                        + " (sea://auth?session=…) or a session id; the last two need --bifrost.")
        String session;

        @Option(names = "--bifrost", paramLabel = "URL", description = "The bridge's base URL.")
        URI bifrost;

        SessionRef resolve(CommandLine cmd) {
            try {
                return SessionRef.parse(session, Optional.ofNullable(bifrost));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cmd, e.getMessage());
            }
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Makes the user's key pair (Ed25519), owner-only, and prints its public key.")
    static final class Init extends PrintingCommand {
        @Mixin
        KeyFileOption key = new KeyFileOption();

        @Option(names = "--force", description = "Replace an existing key file (its key is lost for good).")
        boolean force;

        @Override
        public Integer call() throws Exception {
            Path file = key.resolve();
            Ed25519KeyPair pair = KeyFile.create(file, new SecureRandom(), force);
            out().println("wallet key made in " + file);
            printPublicKey(out(), pair);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Prints the user's public key (base58), which applications show as the logged-in wallet,"
                    + " and its fingerprint.")
    static final class Show extends PrintingCommand {
        @Mixin
        KeyFileOption key = new KeyFileOption();

        @Override
        public Integer call() throws Exception {
            printPublicKey(out(), KeyFile.load(key.resolve()));
            return 0;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Shows what a login asks for (the application's name, unverified; the permissions; the APIs the token"
                        + " is for; every other attribute it would sign; the confirmation code; the expiry), asks for"
                        + " confirmation, then signs the delegation token with the user's"
                        + " key and posts it to the bridge. Answering n denies the login instead.",
                "",
                "Exit codes: 0 approved; 1 not approved, refused or failed (the reason is printed); 2 bad usage."
            },
            footer = {
                "",
                "Example:",
                "  turnpike wallet approve http://127.0.0.1:8402/auth/session/Jm3x… --code BCD-FGH --yes"
            })
    static final class Approve extends PrintingCommand {
        @Mixin
        SessionArgument target = new SessionArgument();

        @Mixin
        KeyFileOption key = new KeyFileOption();

        @Option(names = "--yes", description = "Approve without asking (for scripts).")
        boolean yes;

        @Option(names = "--code", paramLabel = "CODE",
                description = "The confirmation code the application shows: refuse if the session's differs.")
        String code;

        @Option(names = "--lifetime", paramLabel = "DURATION", defaultValue = "12h", converter = DurationConverter.class,
                description = "How long the token is valid (default: ${DEFAULT-VALUE}); shortened to the permissions'"
                        + " expires_in and the bridge's maximum.")
        Duration lifetime;

        /** The clock that dates the token and where the answer is read; tests replace them. */
        Clock clock = Clock.systemUTC();
        InputStream stdin;

        @Override
        public Integer call() throws Exception {
            SessionRef session = target.resolve(spec.commandLine());
            Optional<ConfirmationCode> expected = expectedCode();
            PrintWriter out = out();
            try (BifrostWallet wallet = BifrostWallet.builder(KeyFile.load(key.resolve())).clock(clock).build()) {
                SessionView asked = wallet.fetch(session);
                show(asked, wallet, out);
                SessionState state = asked.state().orElse(SessionState.PENDING);
                if (state != SessionState.PENDING) {
                    throw new IllegalStateException("the session is " + state.name().toLowerCase(Locale.ROOT)
                            + " already: nothing to approve");
                }
                if (expected.isPresent() && !expected.equals(asked.confirmationCode())) {
                    throw new IllegalStateException("the session's confirmation code is "
                            + asked.confirmationCode().map(ConfirmationCode::display).orElse("missing") + ", not "
                            + expected.get().display() + ": this is not the login on your screen; not approved");
                }
                switch (yes ? Answer.APPROVE : ask(out)) {
                    case APPROVE -> {
                        DelegationToken token = wallet.approve(asked, lifetime);
                        out.println("approved: the application holds a token signed by your key, valid until "
                                + token.expiration());
                    }
                    case DENY -> {
                        wallet.deny(session);
                        out.println("denied: the application is told access_denied");
                    }
                    case NONE -> throw new IllegalStateException("not approved (nothing was sent; the session expires"
                            + " by itself)");
                }
            }
            out.flush();
            return 0;
        }

        private enum Answer {
            APPROVE, DENY, NONE
        }

        private Answer ask(PrintWriter out) throws java.io.IOException {
            out.print("Approve this login? [y]es / [n]o, deny it / Enter: leave it: ");
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(stdin != null ? stdin : System.in,
                    StandardCharsets.UTF_8));
            String line = in.readLine();
            String answer = line == null ? "" : line.strip().toLowerCase(Locale.ROOT);
            return switch (answer) {
                case "y", "yes" -> Answer.APPROVE;
                case "n", "no" -> Answer.DENY;
                default -> Answer.NONE;
            };
        }

        private Optional<ConfirmationCode> expectedCode() {
            if (code == null) {
                return Optional.empty();
            }
            return Optional.of(ConfirmationCode.parse(code.strip()).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "--code: not a confirmation code such as BCD-FGH: "
                            + UntrustedText.printable(code, 20))));
        }

        private void show(SessionView asked, BifrostWallet wallet, PrintWriter out) {
            out.println("Login request at " + asked.session().bridge());
            out.println("  application:  " + asked.name().map(n -> "\"" + UntrustedText.printable(n, 100) + "\"")
                    .orElse("(no name)") + " (unverified: the application names itself)");
            out.println("  permissions:  " + asked.permissions().map(p -> UntrustedText.printable(p.toJson(), 2000))
                    .orElse("none named (unrestricted)"));
            out.println("  for APIs:     " + asked.audience().map(a -> a.urls().stream()
                    .map(u -> UntrustedText.printable(u, 2048)).collect(Collectors.joining(", ")))
                    .orElse("any that accepts the token (no audience named)"));
            if (!asked.otherAttributes().isEmpty()) {
                out.println("  other:        " + UntrustedText.printable(asked.otherAttributes().toString(), 2000)
                        + " (not checked by the bridge: sign only if you understand them)");
            }
            out.println("  nonce:        " + asked.request().attributes().nonce()
                    .map(n -> UntrustedText.printable(n, 128)).orElse("none") + " (the bridge's, ties the token to"
                    + " this session)");
            out.println("  code:         " + asked.confirmationCode().map(c -> c.display()
                    + " (check that the application shows the same)").orElse("none (the bridge gives none)"));
            out.println("  expires:      " + BifrostFiles.until(asked.expiresAt(), clock));
            out.println("  your key:     " + wallet.publicKey().toBase58());
            out.flush();
        }
    }

    @Command(name = "deny", mixinStandardHelpOptions = true,
            description = "Denies a login: the application is told access_denied, and the session can no longer be"
                    + " approved.")
    static final class Deny extends PrintingCommand {
        @Mixin
        SessionArgument target = new SessionArgument();

        @Mixin
        KeyFileOption key = new KeyFileOption();

        @Override
        public Integer call() throws Exception {
            SessionRef session = target.resolve(spec.commandLine());
            try (BifrostWallet wallet = BifrostWallet.builder(KeyFile.load(key.resolve())).build()) {
                wallet.deny(session);
            }
            out().println("denied: the application is told access_denied");
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {
                "Revokes a delegation token this wallet issued: posts a request signed by the wallet's key to the"
                        + " bridge (POST /api/revocations), after which every gateway of that bridge refuses the"
                        + " token.",
                "",
                "Exit codes: 0 revoked; 1 refused or failed (the reason is printed, e.g. not_issuer); 2 bad usage."
            },
            footer = {
                "",
                "Example:",
                "  turnpike wallet revoke --bifrost http://127.0.0.1:8402 --token-file app-token.json"
            })
    static final class Revoke extends PrintingCommand {
        @Parameters(paramLabel = "TOKEN", arity = "0..1", description = "The token itself (its compact text).")
        String token;

        @Option(names = "--token-file", paramLabel = "FILE",
                description = "A token file as `app login` writes it, instead of TOKEN.")
        Path tokenFile;

        @Option(names = "--bifrost", paramLabel = "URL", required = true, description = "The bridge's base URL.")
        URI bifrost;

        @Mixin
        KeyFileOption key = new KeyFileOption();

        /** The clock that dates the request; tests replace it. */
        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() throws Exception {
            if ((token == null) == (tokenFile == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give the TOKEN or --token-file, one");
            }
            String compact = token != null ? token.strip() : TokenFile.readToken(tokenFile);
            try (BifrostWallet wallet = BifrostWallet.builder(KeyFile.load(key.resolve())).clock(clock).build()) {
                wallet.revoke(bifrost, compact);
            }
            out().println("revoked: the token " + TokenHash.of(compact).toHex() + " is refused from now on");
            return 0;
        }
    }

    private static void printPublicKey(PrintWriter out, Ed25519KeyPair pair) {
        out.println("public key: " + pair.publicKey().toBase58());
        out.println("fingerprint: " + pair.publicKey().fingerprint());
        out.flush();
    }
}
