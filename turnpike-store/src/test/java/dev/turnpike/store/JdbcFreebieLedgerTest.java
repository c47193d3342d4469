package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcFreebieLedgerTest {

    @TempDir
    Path dir;

    @Test
    void countsSurviveReopeningPerServiceAndNeverDrop() throws Exception {
        Path file = dir.resolve("turnpike.db");
        try (Database db = Database.sqlite(file)) {
            JdbcFreebieLedger ledger = new JdbcFreebieLedger(db);
            ledger.use("quotes", "ipv4:0a000100", 1);
            ledger.use("quotes", "ipv4:0a000100", 3);
            ledger.use("quotes", "ipv4:0a000100", 2); // a late write of an older count
            ledger.use("quotes", "ipv6:20010db8000000000000000000000000", 1);
            ledger.use("other", "ipv4:0a000100", 5);
        }
        try (Database db = Database.sqlite(file)) {
            JdbcFreebieLedger ledger = new JdbcFreebieLedger(db);
            assertThat(ledger.used("quotes")).isEqualTo(Map.of("ipv4:0a000100", 3,
                    "ipv6:20010db8000000000000000000000000", 1));
            assertThat(ledger.used("other")).isEqualTo(Map.of("ipv4:0a000100", 5));
            assertThat(ledger.used("none")).isEmpty();
        }
    }
}
