package dev.turnpike.cli;

import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.client.L402Client;
import dev.turnpike.client.bifrost.DelegatedInterceptor;
import dev.turnpike.client.bifrost.KeyFile;
import dev.turnpike.client.bifrost.RenewingCredential;
import dev.turnpike.client.token.InMemoryTokenStore;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code turnpike app fetch URL}: curl-like, with the stored delegated token and a fresh DPoP proof. */
@Command(
        name = "fetch",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Fetches a URL like curl with the token `app login` stored: sends Authorization: DPoP <token> and a"
                    + " DPoP proof (RFC 9449) made with the application's key for this method and URL, and prints"
                    + " the response body (bytes as they are). Redirects are not followed.",
            "",
            "Before the token (or its renewal) runs out, less than a tenth of its lifetime or 2 minutes left, it"
                    + " asks the token's bridge for a renew certificate (POST /api/renew), keeps it in the token"
                    + " file, and sends a renew token instead: access lasts as long as the wallet granted"
                    + " (permissions.expires_in) without asking the wallet again.",
            "",
            "Exit codes: 0 the response was 1xx-3xx; 22 it was 400 or higher (the body is still printed); 1 the"
                    + " request failed or the key or token file could not be read; 2 bad usage."
        },
        exitCodeListHeading = "%n",
        footer = {
            "",
            "Example:",
            "  turnpike app fetch http://127.0.0.1:8402/energy/sites/site-1/meters -v"
        })
final class AppFetchCommand extends PrintingCommand {

    @Mixin
    HttpOptions http = new HttpOptions();

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "The application's key pair (default: $TURNPIKE_HOME/bifrost/app.key, else"
                    + " ~/.turnpike/bifrost/app.key).")
    Path keyFile;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "The token `app login` stored (default: $TURNPIKE_HOME/bifrost/app-token.json, else"
                    + " ~/.turnpike/bifrost/app-token.json).")
    Path tokenFile;

    /** The clock of the proofs; tests replace it. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        Ed25519KeyPair key = KeyFile.load(keyFile != null ? keyFile : BifrostFiles.appKey());
        Path tokens = tokenFile != null ? tokenFile : BifrostFiles.appToken();
        PrintWriter err = spec.commandLine().getErr();
        HttpRequest request = http.request(err);
        http.step(err, "with the delegated token in " + tokens + " (renewed at its bridge before it runs out) and a"
                + " DPoP proof of the application's key");
        SecureRandom random = new SecureRandom();
        HttpResponse<InputStream> response;
        int exit;
        try (RenewingCredential credential = RenewingCredential.ofTokenFile(key, tokens, null, clock, random);
                L402Client client = L402Client.builder()
                        .tokenStore(new InMemoryTokenStore())
                        .addInterceptor(new DelegatedInterceptor(key, credential, clock, random))
                        .build()) {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            exit = http.finish(response, out(), err);
        }
        response.headers().firstValue("www-authenticate").ifPresent(c -> http.step(err, "WWW-Authenticate: " + c));
        err.flush();
        return exit;
    }
}
