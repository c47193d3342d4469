package dev.turnpike.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.gateway.api.AdminDevWallets;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code turnpike devwallet …}: dev wallets on a running gateway's embedded node, through its admin API (the node's
 * database is the gateway's while it runs).
 */
@Command(
        name = "devwallet",
        mixinStandardHelpOptions = true,
        description = {
            "Makes and lists dev wallets on a running gateway's embedded Lightning node: test coins (regtest or"
                    + " simnet) to pay its services with fetch, as serve's wallet-key: line does.",
            "Goes through the gateway's admin API: its URL and secret come from the gateway's configuration"
                    + " (admin.listen; admin.secret in data_dir), or --admin-url and --secret-file.",
            "",
            "Exit codes: 0 done; 1 the gateway could not be reached, refused the secret or failed; 2 bad usage;"
                    + " 3 the gateway has no dev wallets (a real Lightning node, or its dev wallet API off)."
        },
        exitCodeListHeading = "%n",
        footer = {
            "",
            "Examples:",
            "  turnpike devwallet create --name alice --amount-sat 5000",
            "  turnpike devwallet list --config /etc/turnpike/turnpike.yaml"
        },
        subcommands = {DevWalletCommand.Create.class, DevWalletCommand.ListWallets.class})
final class DevWalletCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Makes a dev wallet funded with test"
            + " coins and prints its API key (shown only now: the node keeps only its hash) and the fetch line"
            + " that pays with it.")
    static final class Create extends AdminCommand.AdminQuery {

        @Option(names = "--name", paramLabel = "NAME", description = "A name for listings, up to "
                + AdminDevWallets.MAX_NAME_LENGTH + " characters.")
        String name;

        long amountSat = AdminDevWallets.DEFAULT_AMOUNT_SAT;

        @Option(names = "--amount-sat", paramLabel = "SAT", description = "Test coins to put in it, 1 to "
                + AdminDevWallets.MAX_AMOUNT_SAT + " (default: " + AdminDevWallets.DEFAULT_AMOUNT_SAT + ").")
        void amountSat(long sat) {
            if (sat < 1 || sat > AdminDevWallets.MAX_AMOUNT_SAT) {
                throw new ParameterException(spec.commandLine(), "--amount-sat must be from 1 to "
                        + AdminDevWallets.MAX_AMOUNT_SAT + " sat, not " + sat);
            }
            amountSat = sat;
        }

        @Override
        JsonNode ask(AdminClient admin) throws Exception {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("amount_sat", amountSat);
            if (name != null) {
                body.put("name", name);
            }
            return admin.post(AdminDevWallets.PATH, body);
        }

        @Override
        void print(JsonNode w) {
            out().println("wallet-id: " + w.path("wallet_id").asText()
                    + (w.hasNonNull("name") ? " (" + w.get("name").asText() + ")" : ""));
            printKey(out(), w.path("wallet_api").asText(), w.path("api_key").asText(), w.path("balance_msat").asLong(),
                    w.path("network").asText());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The newest dev wallets first (at most "
            + AdminDevWallets.MAX_LISTED + "): id, name, balance, created; never their keys.")
    static final class ListWallets extends AdminCommand.AdminQuery {

        @Override
        JsonNode ask(AdminClient admin) throws Exception {
            return admin.get(AdminDevWallets.PATH);
        }

        @Override
        void print(JsonNode answer) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("WALLET ID", "NAME", "BALANCE", "CREATED"));
            for (JsonNode w : answer.path("wallets")) {
                rows.add(List.of(w.path("wallet_id").asText(), text(w, "name"),
                        AdminCommand.sats(w.path("balance_msat").asLong()), text(w, "created_at")));
            }
            Table.print(out(), rows);
            int n = answer.path("wallets").size();
            out().println(n + (n == 1 ? " wallet" : " wallets"));
        }

        private static String text(JsonNode node, String field) {
            return node.hasNonNull(field) ? node.get(field).asText() : "-";
        }
    }

    /**
     * A new dev wallet's API and key, what it holds on which network, and the fetch line that pays with them, as
     * {@code serve} and {@code devwallet create} print them.
     */
    static void printKey(PrintWriter out, String walletApi, String key, long balanceMsat, String network) {
        out.println("wallet-api: " + walletApi);
        out.println("wallet-key: " + key);
        out.println("  a new dev wallet holding " + AdminCommand.sats(balanceMsat) + " on " + network
                + " (test coins): ./turnpike fetch URL --wallet lnbits:" + walletApi + " --wallet-key " + key);
    }
}
