package dev.turnpike.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code turnpike admin …}: the running gateway's admin API (docs/openapi.yaml) from the command line. */
@Command(
        name = "admin",
        mixinStandardHelpOptions = true,
        description = {
            "Asks a running gateway's admin API: its tokens (list, show, revoke), its services' sales, its health.",
            "The API's URL and secret come from the gateway's configuration (admin.listen; admin.secret in data_dir),"
                    + " or --admin-url and --secret-file. Tables for people, --json for scripts.",
            "",
            "Exit codes: 0 done; 1 the gateway could not be reached, refused the secret or failed; 2 bad usage;"
                    + " 3 no such token (or, for health, the gateway is degraded)."
        },
        exitCodeListHeading = "%n",
        footer = {
            "",
            "Examples:",
            "  turnpike admin tokens list --service quotes",
            "  turnpike admin tokens revoke 3f2a…e9 --config /etc/turnpike/turnpike.yaml",
            "  turnpike admin services --json"
        },
        subcommands = {AdminCommand.Tokens.class, AdminCommand.Services.class, AdminCommand.Health.class})
final class AdminCommand {

    private static final Pattern TOKEN_ID = Pattern.compile("[0-9a-fA-F]{64}");

    @Command(name = "tokens", mixinStandardHelpOptions = true, description = "The tokens the gateway issued.",
            subcommands = {Tokens.ListTokens.class, Tokens.Show.class, Tokens.Revoke.class})
    static final class Tokens {

        @Command(name = "list", mixinStandardHelpOptions = true, description = "The newest tokens first: id, service,"
                + " price, state (unpaid, paid, expired, revoked), issued and expiry times.")
        static final class ListTokens extends AdminQuery {

            @Option(names = "--service", paramLabel = "NAME", description = "Only this service's tokens.")
            String service;

            @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                    description = "At most N tokens, 1 to 1000 (default: ${DEFAULT-VALUE}).")
            int limit;

            @Override
            JsonNode ask(AdminClient admin) throws Exception {
                return admin.get("/api/tokens?limit=" + limit + (service == null ? "" : "&service="
                        + URLEncoder.encode(service, StandardCharsets.UTF_8)));
            }

            @Override
            void print(JsonNode answer) {
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("TOKEN ID", "SERVICE", "PRICE", "STATE", "ISSUED", "EXPIRES"));
                Instant now = Instant.now();
                for (JsonNode t : answer.path("tokens")) {
                    rows.add(List.of(t.path("token_id").asText(), t.path("service").asText(),
                            sats(t.path("price_msat").asLong()), state(t, now), t.path("issued_at").asText(),
                            text(t, "expires_at", "never")));
                }
                Table.print(out(), rows);
                out().println(answer.path("tokens").size() + " tokens");
            }
        }

        @Command(name = "show", mixinStandardHelpOptions = true, description = "One token: its service, price,"
                + " payment hash and invoice, and when it was issued, paid, revoked and when it expires.")
        static final class Show extends OneToken {
            @Override
            JsonNode ask(AdminClient admin) throws Exception {
                return admin.get("/api/tokens/" + id());
            }
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a token: the gateway (and"
                + " every gateway on the same database) refuses it from the next request on. Revoking it again"
                + " changes nothing.")
        static final class Revoke extends OneToken {
            @Override
            JsonNode ask(AdminClient admin) throws Exception {
                return admin.post("/api/tokens/" + id() + "/revoke");
            }
        }
    }

    /** A command about one token, named by its id. */
    abstract static class OneToken extends AdminQuery {

        @Parameters(paramLabel = "TOKEN_ID", description = "The token's id: 64 hex digits (admin tokens list, or the"
                + " token_id fetch keeps in its token file).")
        String tokenId;

        String id() {
            if (!TOKEN_ID.matcher(tokenId).matches()) {
                throw new IllegalArgumentException("a token id is 64 hex digits, not '" + tokenId + "'");
            }
            return tokenId.toLowerCase(Locale.ROOT);
        }

        @Override
        void print(JsonNode t) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("token id:", t.path("token_id").asText()));
            rows.add(List.of("state:", state(t, Instant.now())));
            rows.add(List.of("service:", t.path("service").asText()));
            rows.add(List.of("price:", sats(t.path("price_msat").asLong())));
            rows.add(List.of("issued:", t.path("issued_at").asText()));
            rows.add(List.of("expires:", text(t, "expires_at", "never")));
            rows.add(List.of("paid:", text(t, "settled_at", "no")));
            rows.add(List.of("revoked:", text(t, "revoked_at", "no")));
            rows.add(List.of("payment hash:", t.path("payment_hash").asText()));
            rows.add(List.of("invoice:", t.path("invoice").asText()));
            Table.print(out(), rows);
        }
    }

    @Command(name = "services", mixinStandardHelpOptions = true,
            description = "Per service: tokens issued, tokens paid, and revenue in sat.")
    static final class Services extends AdminQuery {
        @Override
        JsonNode ask(AdminClient admin) throws Exception {
            return admin.get("/api/services");
        }

        @Override
        void print(JsonNode answer) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("SERVICE", "ISSUED", "PAID", "REVENUE"));
            for (JsonNode s : answer.path("services")) {
                rows.add(List.of(s.path("service").asText(), s.path("tokens_issued").asText(),
                        s.path("tokens_paid").asText(), sats(s.path("revenue_msat").asLong())));
            }
            Table.print(out(), rows);
        }
    }

    @Command(name = "health", mixinStandardHelpOptions = true, description = "ok, or degraded while the Lightning"
            + " backend is down (paid tokens keep working; no new token can be sold); exit code 3 when degraded.")
    static final class Health extends AdminQuery {
        @Override
        JsonNode ask(AdminClient admin) throws Exception {
            return admin.health();
        }

        @Override
        void print(JsonNode answer) {
            JsonNode node = answer.path("lightning");
            out().println(answer.path("status").asText() + " (lightning " + node.path("status").asText() + " since "
                    + node.path("since").asText() + (node.has("reason") ? ": " + node.get("reason").asText() : "")
                    + ")");
        }

        @Override
        int exitCode(JsonNode answer) {
            return answer.path("status").asText().equals("ok") ? 0 : AdminClient.NOT_FOUND;
        }
    }

    /** One request to the admin API, its answer printed as a table or, with --json, as it came. */
    abstract static class AdminQuery extends PrintingCommand {

        @Mixin
        AdminOptions options = new AdminOptions();

        abstract JsonNode ask(AdminClient admin) throws Exception;

        abstract void print(JsonNode answer);

        int exitCode(JsonNode answer) {
            return 0;
        }

        @Override
        public Integer call() throws Exception {
            try (AdminClient admin = options.client()) {
                JsonNode answer = ask(admin);
                if (options.json) {
                    out().println(Json.pretty(answer));
                } else {
                    print(answer);
                }
                out().flush();
                return exitCode(answer);
            }
        }
    }

    /** A token's state now: revoked, expired, paid or unpaid. */
    static String state(JsonNode token, Instant now) {
        if (token.hasNonNull("revoked_at")) {
            return "revoked";
        }
        if (token.hasNonNull("expires_at") && !Instant.parse(token.get("expires_at").asText()).isAfter(now)) {
            return "expired";
        }
        return token.hasNonNull("settled_at") ? "paid" : "unpaid";
    }

    private static String text(JsonNode node, String field, String absent) {
        return node.hasNonNull(field) ? node.get(field).asText() : absent;
    }

    static String sats(long msat) {
        return msat % 1000 == 0 ? msat / 1000 + " sat" : msat + " msat";
    }
}
