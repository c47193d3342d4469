package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.config.GatewayConfig;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.store.Database;
import dev.turnpike.store.JdbcTokenLedger;
import dev.turnpike.store.testing.PostgresDatabase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code turnpike store migrate}: a gateway's SQLite store moved to a real PostgreSQL, where a gateway serves the
 * tokens paid before and refuses the one revoked; and every refusal, with its exit code.
 */
class StoreMigrateTest {

    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @TempDir
    Path dir;

    private SampleQuotesApi upstream;
    private Path passwordFile;
    private Path state;

    @BeforeEach
    void setUp() throws Exception {
        upstream = new SampleQuotesApi();
        passwordFile = dir.resolve("db.password");
        Files.writeString(passwordFile, PG.password() + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        state = dir.resolve("state");
    }

    @AfterEach
    void tearDown() throws Exception {
        upstream.close();
        PaidRequests.quietLogsAgain();
    }

    /** {@code postgresql://user@127.0.0.1:port/db}, the form the command line takes. */
    private static String pgUrl() {
        return PG.url().replace("jdbc:postgresql://", "postgresql://" + PG.user() + "@");
    }

    private String config(String store) {
        return """
                listen: 127.0.0.1:0
                data_dir: %s
                admin:
                  listen: 127.0.0.1:0
                store:
                %s
                services:
                  - name: quotes
                    match:
                      path: /quotes(/.*)?
                    upstream: http://127.0.0.1:%d
                    price_sats: 21
                """.formatted(state, store.indent(2).stripTrailing(), upstream.port());
    }

    private String postgresStore() {
        return "backend: postgres\nurl: " + pgUrl() + "\npassword_file: " + passwordFile;
    }

    private GatewayRuntime start(String store) throws Exception {
        return GatewayRuntime.start(GatewayConfig.parse(config(store), "turnpike.yaml"), Clock.systemUTC(),
                new SecureRandom());
    }

    private CliTest.Run migrateToPostgres(String from) {
        return CliTest.run("store", "migrate", "--from", from, "--to", pgUrl(), "--to-password-file",
                passwordFile.toString());
    }

    @Test
    void aGatewayOnPostgresqlServesWhatTheSqliteGatewaySoldAndASecondMigrateIsRefused() throws Exception {
        String kept;
        String revoked;
        try (GatewayRuntime sqlite = start("backend: sqlite")) {
            kept = PaidRequests.buyQuote(sqlite, dir.resolve("tokens-1"));
            revoked = PaidRequests.buyQuote(sqlite, dir.resolve("tokens-2"));
            CliTest.Run inUse = migrateToPostgres(state.toString());
            assertThat(inUse.exitCode()).isEqualTo(Failures.FAILED);
            assertThat(inUse.err()).isEqualTo("turnpike store migrate: the source " + state.resolve("turnpike.db")
                    + " is open in another process (a running gateway?): stop it first\n");
        }
        try (Database db = Database.sqlite(state.resolve("turnpike.db"))) {
            new JdbcTokenLedger(db).revoke(tokenId(revoked), Instant.now());
        }

        CliTest.Run r = migrateToPostgres(state.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("from: SQLite " + state.resolve("turnpike.db") + "\nto:   PostgreSQL "
                + PG.url() + " as " + PG.user() + "\n")
                .containsPattern("root_keys +2\n")
                .containsPattern("tokens +2\n")
                .contains("copied ")
                .doesNotContain(PG.password());

        try (GatewayRuntime pg = start(postgresStore())) {
            assertThat(PaidRequests.getQuote(pg, kept).statusCode()).isEqualTo(200);
            assertThat(PaidRequests.getQuote(pg, revoked).statusCode()).as("revoked: a new challenge").isEqualTo(402);
        }

        CliTest.Run again = migrateToPostgres(state.toString());
        assertThat(again.exitCode()).isEqualTo(StoreCommand.Migrate.TARGET_NOT_EMPTY);
        assertThat(again.err()) // the PostgreSQL gateway minted one more challenge when it refused the revoked token
                .contains("the target holds data already {root_keys=3, tokens=3}: nothing was copied")
                .contains("hint: --force replaces what the target holds");
    }

    @Test
    void aConfigurationFileNamesTheStoreAndTheCopyGoesBackToSqlite() throws Exception {
        try (GatewayRuntime pg = start(postgresStore())) {
            PaidRequests.buyQuote(pg, dir.resolve("tokens"));
        }
        Path yaml = dir.resolve("turnpike.yaml");
        Files.writeString(yaml, config(postgresStore()));
        Path back = dir.resolve("back.db");
        CliTest.Run r = CliTest.run("store", "migrate", "--from", yaml.toString(), "--to", back.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("to:   SQLite " + back).containsPattern("tokens +1\n");
        try (Database db = Database.sqlite(back)) {
            assertThat(new JdbcTokenLedger(db).list(Optional.empty(), 10)).hasSize(1);
        }
    }

    @Test
    void aMissingSourceIsNamedAndNothingIsMade() {
        Path absent = dir.resolve("absent");
        CliTest.Run r = migrateToPostgres(absent.toString());
        assertThat(r.exitCode()).isEqualTo(Failures.FAILED);
        assertThat(r.err()).isEqualTo("turnpike store migrate: no such file: " + absent + " (the source: a data folder"
                + " holding turnpike.db, or a SQLite file)\n");
        assertThat(absent).doesNotExist();
    }

    @Test
    void anUnreachableTargetIsNamedWithoutItsPassword() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (Database db = Database.sqlite(state.resolve("turnpike.db"))) {
            // an empty store is enough to copy
        }
        CliTest.Run r = CliTest.run("store", "migrate", "--from", state.toString(), "--to",
                "postgresql://gw@127.0.0.1:" + closed + "/turnpike", "--to-password-file", passwordFile.toString());
        assertThat(r.exitCode()).isEqualTo(Failures.FAILED);
        assertThat(r.err()).startsWith("turnpike store migrate: PostgreSQL at jdbc:postgresql://127.0.0.1:" + closed
                + "/turnpike cannot be used: Connection to 127.0.0.1:" + closed + " refused")
                .doesNotContain(PG.password());
    }

    @Test
    void aUrlCarryingAPasswordIsAUsageErrorThatDoesNotRepeatIt() {
        CliTest.Run r = CliTest.run("store", "migrate", "--from", state.toString(), "--to",
                "postgresql://gw:s3cret-pw@127.0.0.1/turnpike");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("turnpike store migrate: --to: must not carry credentials")
                .doesNotContain("s3cret-pw");
    }

    @Test
    void thePasswordOptionsApplyToAUrlOnly() {
        CliTest.Run r = CliTest.run("store", "migrate", "--from", state.toString(), "--from-password-file",
                passwordFile.toString(), "--to", pgUrl());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("turnpike store migrate: --from-password-file and -env apply to a PostgreSQL"
                + " URL only");
    }

    private static TokenId tokenId(String authorization) throws Exception {
        Credential c = ((ParseResult.Ok<Credential>) L402Headers.parseAuthorizationValue(authorization))
                .value();
        return L402Identifier.decode(c.macaroon().identifier()).tokenId();
    }
}
