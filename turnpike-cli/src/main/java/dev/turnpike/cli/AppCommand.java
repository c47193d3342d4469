package dev.turnpike.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.Audience;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.InvalidAttributesException;
import dev.turnpike.bifrost.Permissions;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.client.bifrost.BifrostApp;
import dev.turnpike.client.bifrost.BifrostException;
import dev.turnpike.client.bifrost.KeyFile;
import dev.turnpike.client.bifrost.Pause;
import dev.turnpike.client.bifrost.PendingLogin;
import dev.turnpike.client.bifrost.SessionRef;
import dev.turnpike.client.bifrost.TokenFile;
import dev.turnpike.client.bifrost.UntrustedText;
import dev.turnpike.client.bifrost.WaitMode;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "app",
        mixinStandardHelpOptions = true,
        description = "Bifrost, the application's side: log in with a wallet, keep the token it signs, and use it.",
        subcommands = {AppCommand.Login.class, AppFetchCommand.class})
final class AppCommand {

    @Command(
            name = "login",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Logs in through a Bifrost bridge: opens a session for this application's Ed25519 key (made on first"
                        + " use, kept in --key-file), prints the QR code of the wallet link, the confirmation code and"
                        + " the session page, waits for the wallet (at most the session's 3 minutes), verifies the"
                        + " token the wallet signed and stores it in --token-file. Prints the wallet's key, the"
                        + " token's issuer; the application's own key is never shown.",
                "Ctrl-C while waiting cancels the session.",
                "",
                "Exit codes: 0 logged in; 1 denied, expired, refused or failed (the reason is printed); 2 bad usage."
            },
            footer = {
                "",
                "Example:",
                "  turnpike app login --bifrost http://127.0.0.1:8402 --name 'Meter dashboard'"
                        + " --permissions read:meter,read:site"
            })
    static final class Login extends PrintingCommand {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Option(names = "--bifrost", required = true, paramLabel = "URL",
                description = "The bridge's base URL (its API is under /api/auth).")
        URI bifrost;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "The application's name, shown by the wallet (marked unverified).")
        String name;

        @Option(names = "--permissions", paramLabel = "SCOPES|JSON",
                description = "What the token may do: scopes separated by commas (read:meter,write:site) or a JSON"
                        + " object ({\"scopes\":[…],\"resources\":{\"sites\":[…]},\"expires_in\":43200}). Without it,"
                        + " none are asked for.")
        String permissions;

        @Option(names = "--audience", paramLabel = "URL", split = ",",
                description = "The base URL of each API the token is for (the aud attribute, shown by the wallet);"
                        + " repeat or separate by commas. Without it, the token names none.")
        List<String> audience;

        @Option(names = "--key-file", paramLabel = "FILE",
                description = "The application's key pair, made on first use, owner-only"
                        + " (default: $TURNPIKE_HOME/bifrost/app.key, else ~/.turnpike/bifrost/app.key).")
        Path keyFile;

        @Option(names = "--token-file", paramLabel = "FILE",
                description = "Where the token is stored, owner-only JSON; its \"token\" is the bearer credential"
                        + " (default: $TURNPIKE_HOME/bifrost/app-token.json, else ~/.turnpike/bifrost/app-token.json).")
        Path tokenFile;

        @Option(names = "--events",
                description = "Wait on the session's event stream instead of long-polling (plain polling remains the"
                        + " fallback either way).")
        boolean events;

        @Option(names = "--proof",
                description = "Read the token with a proof of possession of the application's key (DPoP) instead of"
                        + " the poll token.")
        boolean proof;

        @Option(names = "--max-token-lifetime", paramLabel = "DURATION", defaultValue = "12h",
                converter = DurationConverter.class,
                description = "The longest token lifetime accepted (default: ${DEFAULT-VALUE}, the document's).")
        Duration maxTokenLifetime;

        @Option(names = "--qr", paramLabel = "dark|light", defaultValue = "dark",
                description = "Draw the QR code for a dark (default) or a light terminal background.")
        TerminalQr.Background qr;

        @Option(names = "--no-qr", description = "Do not print the QR code.")
        boolean noQr;

        /** The clock and the pause between polls; tests replace them. */
        Clock clock = Clock.systemUTC();
        Pause pause = Pause.SLEEP;

        @Override
        public Integer call() throws Exception {
            URI bridge = bridge();
            Attributes requested = requested();
            PrintWriter out = out();
            Path keyPath = keyFile != null ? keyFile : BifrostFiles.appKey();
            Path tokenPath = tokenFile != null ? tokenFile : BifrostFiles.appToken();
            SecureRandom random = new SecureRandom();
            boolean existed = Files.exists(keyPath);
            Ed25519KeyPair key = KeyFile.loadOrCreate(keyPath, random);
            BifrostApp.Builder builder = BifrostApp.builder(bridge, key).clock(clock).random(random).pause(pause)
                    .waitMode(events ? WaitMode.EVENTS : WaitMode.LONG_POLL).maxTokenLifetime(maxTokenLifetime);
            if (proof) {
                builder.proofOfPossession();
            }
            try (BifrostApp app = builder.build()) {
                PendingLogin login = app.open(requested);
                String heading = "Bifrost login at " + bridge + " as \"" + name + "\" (application key "
                        + (existed ? "from " : "made in ") + keyPath + ")";
                DelegationToken token = awaitCancellingOnInterrupt(app, login, () -> show(heading, login, out));
                TokenFile.write(tokenPath, token, bridge);
                out.println("Approved by the wallet " + token.issuer().toBase58() + " (fingerprint "
                        + token.issuer().fingerprint() + "): the token's issuer");
                out.println("token: valid until " + token.expiration() + ", stored in " + tokenPath);
            }
            out.flush();
            return 0;
        }

        private void show(String heading, PendingLogin login, PrintWriter out) {
            out.println(heading);
            if (!noQr) {
                out.println();
                out.print(TerminalQr.render(login.deepLink(), qr));
                out.println();
                out.println("Scan the QR code with your wallet, or approve with:");
            } else {
                out.println("Approve with your wallet:");
            }
            String page = UntrustedText.printable(login.sessionUrl(), 300);
            out.println("  ./turnpike wallet approve " + page);
            out.println("session page: " + page);
            out.println("confirmation code: " + login.confirmationCode().map(c -> c.display()
                    + " (the wallet must show the same code)").orElse("none (the bridge gives none)"));
            out.println("waiting for the wallet until " + BifrostFiles.until(login.expiresAt(), clock) + " ...");
            out.flush();
        }

        /**
         * Shows the login with {@code show}, then waits; a Ctrl-C from the moment it is shown cancels the session, so
         * it can no longer be approved.
         */
        private static DelegationToken awaitCancellingOnInterrupt(BifrostApp app, PendingLogin login, Runnable show)
                throws BifrostException, InterruptedException {
            Thread cancel = new Thread(() -> {
                try {
                    app.cancel(login);
                } catch (BifrostException e) {
                    // the session ends by itself at its expiry
                }
            }, "turnpike-app-login-cancel");
            Runtime.getRuntime().addShutdownHook(cancel);
            try {
                show.run();
                return app.awaitToken(login);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(cancel);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook is cancelling the session now
                }
            }
        }

        private URI bridge() {
            try {
                return SessionRef.bridgeBase(bifrost);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--bifrost: " + e.getMessage());
            }
        }

        private Attributes requested() {
            try {
                Attributes attributes = Attributes.empty().withName(name);
                if (audience != null) {
                    attributes = attributes.withAudience(Audience.of(audience));
                }
                return permissions == null ? attributes : attributes.withPermissions(permissions(permissions.strip()));
            } catch (InvalidAttributesException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        /** A JSON object as it is, else comma-separated scopes. */
        private static Permissions permissions(String text) throws InvalidAttributesException {
            if (text.startsWith("{")) {
                return Permissions.parse(text);
            }
            ObjectNode json = JSON.createObjectNode();
            ArrayNode scopes = json.putArray(Permissions.SCOPES);
            for (String scope : text.split(",")) {
                scopes.add(scope.strip());
            }
            return Permissions.parse(json.toString());
        }
    }
}
