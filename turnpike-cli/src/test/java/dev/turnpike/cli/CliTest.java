package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.l402.TokenId;
import dev.turnpike.store.Database;
import dev.turnpike.store.JdbcTokenLedger;
import dev.turnpike.store.api.TokenRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the commands as a user would, in process, on a temporary state folder. */
class CliTest {

    /** The first example of BOLT #11 ("please consider supporting this project"). */
    static final String SPEC_INVOICE = "lnbc1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6twvus8g6rfwvs8qun0dfjkxaq9qrsgq357wnc5r2ueh7ck6q93dj32dlqnls087fxdwk8qakdyafkq3yap9us6v52vjjsrvywa6rt52cm9r9zqt8r2t7mlcwspyetp5h2tztugp9lfyql";

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void bolt11DecodePrintsTheSpecExampleAsJson() throws Exception {
        Run r = run("bolt11", "decode", SPEC_INVOICE);
        assertThat(r.exitCode()).isZero();
        JsonNode j = json(r.out());
        assertThat(j.get("network").asText()).isEqualTo("bitcoin");
        assertThat(j.get("amount_msat").isNull()).isTrue();
        assertThat(j.get("payment_hash").asText())
                .isEqualTo("0001020304050607080900010203040506070809000102030405060708090102");
        assertThat(j.get("description").asText()).isEqualTo("Please consider supporting this project");
        assertThat(j.get("payee").asText())
                .isEqualTo("03e7156ae33b0a208d0744199163177e909e80176e55d97a2f221ede0f934dd9ad");
    }

    @Test
    void bolt11DecodeOfATamperedInvoiceFailsWithAReasonAndNoStackTrace() {
        String tampered = SPEC_INVOICE.substring(0, 20) + (SPEC_INVOICE.charAt(20) == 'q' ? 'p' : 'q')
                + SPEC_INVOICE.substring(21);
        Run r = run("bolt11", "decode", tampered);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("turnpike bolt11 decode: ").doesNotContain("\tat ");
    }

    @Test
    void mintPrintsTheLsatChallengeFirstThenL402() {
        Run r = run("l402", "mint", "--service", "demo", "--price", "10", "--data-dir", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> challenges = r.out().lines().filter(l -> l.startsWith("WWW-Authenticate:")).toList();
        assertThat(challenges).hasSize(2);
        assertThat(challenges.get(0)).startsWith("WWW-Authenticate: LSAT macaroon=\"").contains("invoice=\"lnbcrt100n1");
        assertThat(challenges.get(1)).isEqualTo(challenges.get(0).replace(": LSAT ", ": L402 "));
    }

    @Test
    void aPaidTokenVerifiesInALaterProcessAndItsLimitsAreExplained() throws Exception {
        String token = mintPaidToken("--capabilities", "read");

        // a new command opens the state folder anew: the root key was persisted
        Run valid = run("l402", "verify", "--token", token, "--capability", "read", "--data-dir", dir.toString());
        assertThat(valid.exitCode()).as(valid.out() + valid.err()).isZero();
        JsonNode v = json(valid.out());
        assertThat(v.get("verdict").asText()).isEqualTo("valid");
        assertThat(v.get("checked_for").get("service").asText()).isEqualTo("demo");
        assertThat(v.get("identifier").get("version").asInt()).isZero();
        assertThat(v.get("preimage_matches_payment_hash").asBoolean()).isTrue();
        List<String> caveats = new ArrayList<>();
        v.get("caveats").forEach(c -> caveats.add(c.asText()));
        assertThat(caveats).startsWith("services=demo:0", "demo_capabilities=read");
        assertThat(caveats.get(2)).startsWith("demo_valid_until=");

        Run pasted = run("l402", "verify", "--token", "Authorization: " + token, "--data-dir", dir.toString());
        assertThat(json(pasted.out()).get("verdict").asText()).as("the whole header line, as pasted").isEqualTo("valid");

        Run write = run("l402", "verify", "--token", token, "--capability", "write", "--data-dir", dir.toString());
        assertThat(write.exitCode()).isEqualTo(1);
        assertThat(json(write.out()).get("reason").asText()).isEqualTo("capability_not_allowed");

        Run other = run("l402", "verify", "--token", token, "--service", "weather", "--data-dir", dir.toString());
        assertThat(json(other.out()).get("reason").asText()).isEqualTo("service_not_allowed");
    }

    @Test
    void aTokenFromAnotherStateFolderIsUnknown() throws Exception {
        String token = mintPaidToken();
        Run r = run("l402", "verify", "--token", token, "--data-dir", dir.resolve("elsewhere").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(json(r.out()).get("reason").asText()).isEqualTo("unknown_token");
    }

    @Test
    void aWrongPreimageIsExplained() throws Exception {
        String token = mintPaidToken();
        String wrong = token.substring(0, token.lastIndexOf(':') + 1) + "00".repeat(32);
        Run r = run("l402", "verify", "--token", wrong, "--data-dir", dir.toString());
        JsonNode j = json(r.out());
        assertThat(j.get("reason").asText()).isEqualTo("wrong_preimage");
        assertThat(j.get("preimage_matches_payment_hash").asBoolean()).isFalse();
    }

    @Test
    void aMintedTokenIsBookedSettledWhenPaidAndRefusedOnceRevoked() throws Exception {
        String token = mintPaidToken();
        Run valid = run("l402", "verify", "--token", token, "--data-dir", dir.toString());
        assertThat(valid.exitCode()).isZero();
        TokenId id = TokenId.fromHex(json(valid.out()).get("token_id").asText());
        try (Database db = Database.sqlite(dir.resolve("turnpike.db"))) {
            JdbcTokenLedger ledger = new JdbcTokenLedger(db);
            TokenRecord booked = ledger.find(id).orElseThrow();
            assertThat(booked.token().service()).isEqualTo("demo");
            assertThat(booked.isSettled()).as("paid with --pay").isTrue();
            assertThat(ledger.revoke(id, Instant.now())).isTrue();
        }
        Run revoked = run("l402", "verify", "--token", token, "--data-dir", dir.toString());
        assertThat(revoked.exitCode()).isEqualTo(1);
        assertThat(json(revoked.out()).get("reason").asText()).isEqualTo("revoked");
    }

    @Test
    void garbageIsMalformedNotACrash() throws Exception {
        Run r = run("l402", "verify", "--token", "L402 not-a-macaroon:zz", "--data-dir", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(json(r.out()).get("reason").asText()).isEqualTo("malformed_credential");
    }

    @Test
    void demoRunsTheSeedsFlowOverHttpAndPaysOnce() {
        Run r = run("demo", "--once");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("402 Payment Required")
                .contains("invoice decoded: 10 sat on regtest")
                .contains("paid 10 sat")
                .contains("retried with Authorization: L402 <macaroon>:<preimage> -> 200")
                .contains("stored token attached: no payment needed")
                .contains("payments made in all: 1")
                .containsPattern("(?m)^protected: http://127\\.0\\.0\\.1:\\d+/quotes/today$")
                .containsPattern("(?m)^wallet-api: http://127\\.0\\.0\\.1:\\d+/devwallet$")
                .containsPattern("(?m)^wallet-key: tpk_[0-9a-f]{64}$")
                .containsPattern("(?m)^try: \\./turnpike fetch http://")
                .containsPattern("(?m)^bifrost: http://127\\.0\\.0\\.1:\\d+$")
                .containsPattern("(?m)^try: \\./turnpike app login --bifrost http://127\\.0\\.0\\.1:\\d+ ")
                .containsPattern("(?m)^energy: http://127\\.0\\.0\\.1:\\d+/energy$")
                .containsPattern("(?m)^try: \\./turnpike app fetch http://127\\.0\\.0\\.1:\\d+/energy/sites/site-1/meters -v$")
                .containsPattern("(?m)^try: \\./turnpike app fetch http://127\\.0\\.0\\.1:\\d+/energy/graphql -X POST ");
        String bifrost = r.out().lines().filter(l -> l.startsWith("bifrost: ")).findFirst().orElseThrow().substring(9);
        String login = r.out().lines().filter(l -> l.startsWith("try: ./turnpike app login ")).findFirst().orElseThrow();
        CommandLine.ParseResult parsed = Main.commandLine()
                .parseArgs(shellWords(login.substring("try: ./turnpike ".length())));
        CommandLine.ParseResult app = parsed.subcommand().subcommand();
        assertThat(app.commandSpec().qualifiedName()).isEqualTo("turnpike app login");
        assertThat(app.matchedOptionValue("--bifrost", (Object) null)).hasToString(bifrost);
        assertThat(app.hasMatchedOption("--name")).isTrue();
    }

    /** The words of a command line as a POSIX shell splits them (single quotes only). */
    static String[] shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                word = word == null ? new StringBuilder() : word;
            } else if (c == ' ' && !quoted) {
                if (word != null) {
                    words.add(word.toString());
                }
                word = null;
            } else {
                word = (word == null ? new StringBuilder() : word).append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words.toArray(String[]::new);
    }

    @Test
    void demoDoesNotPayAboveTheBudget() {
        Run r = run("demo", "--once", "--price", "500", "--max-cost", "100");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("500").contains("100");
        assertThat(r.out()).doesNotContain("paid ");
    }

    @Test
    void everyCommandHasHelp() {
        List<String> paths = new ArrayList<>();
        collect(Main.commandLine(), List.of(), paths);
        assertThat(paths).contains("demo", "l402 mint", "l402 verify", "bolt11 decode", "app login", "app fetch",
                "wallet init",
                "wallet show", "wallet approve", "wallet deny", "devwallet create", "devwallet list");
        for (String path : paths) {
            List<String> args = new ArrayList<>(List.of(path.split(" ")));
            args.add("--help");
            Run r = run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(path).isZero();
            assertThat(r.out()).as(path).startsWith("Usage: turnpike " + path);
            args.set(args.size() - 1, "-V");
            Run version = run(args.toArray(String[]::new));
            assertThat(version.exitCode()).as(path + " -V").isZero();
            assertThat(version.out()).as(path + " -V").startsWith("turnpike ");
        }
    }

    @Test
    void aUsageErrorNamesTheWholeCommandAndPointsToItsHelpInsteadOfPrintingIt() {
        Run r = run("l402", "mint", "--bogus");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).first().asString().startsWith("turnpike l402 mint: ");
        assertThat(r.err()).contains("Try 'turnpike l402 mint --help' for the options.").doesNotContain("Usage:");
        assertThat(r.err().lines().count()).isLessThanOrEqualTo(4);
    }

    private static void collect(CommandLine cmd, List<String> prefix, List<String> out) {
        cmd.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            out.add(String.join(" ", path));
            collect(sub, path, out);
        });
    }

    private String mintPaidToken(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "l402", "mint", "--service", "demo", "--price", "10", "--pay", "--data-dir", dir.toString()));
        args.addAll(List.of(extra));
        Run r = run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        String line = r.out().lines().filter(l -> l.startsWith("Authorization: ")).findFirst().orElseThrow();
        return line.substring("Authorization: ".length());
    }
}
