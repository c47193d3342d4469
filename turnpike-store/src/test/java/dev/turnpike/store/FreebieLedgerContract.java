package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.store.api.FreebieLedger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link FreebieLedger} does, whatever its database: each store's test extends this. */
abstract class FreebieLedgerContract extends PortContract<FreebieLedger> {

    @Test
    void countsSurviveReopeningPerServiceAndNeverDrop() throws Exception {
        FreebieLedger ledger = open();
        ledger.use("quotes", "ipv4:0a000100", 1);
        ledger.use("quotes", "ipv4:0a000100", 3);
        ledger.use("quotes", "ipv4:0a000100", 2); // a late write of an older count
        ledger.use("quotes", "ipv6:20010db8000000000000000000000000", 1);
        ledger.use("other", "ipv4:0a000100", 5);
        closeAll();
        FreebieLedger reopened = open();
        assertThat(reopened.used("quotes")).isEqualTo(Map.of("ipv4:0a000100", 3,
                "ipv6:20010db8000000000000000000000000", 1));
        assertThat(reopened.used("other")).isEqualTo(Map.of("ipv4:0a000100", 5));
        assertThat(reopened.used("none")).isEmpty();
    }

    @Test
    void twoGatewaysCountingTheSameNetworkKeepTheLargerCount() throws Exception {
        FreebieLedger a = open();
        FreebieLedger b = open();
        a.use("quotes", "ipv4:0a000100", 2);
        b.use("quotes", "ipv4:0a000100", 1);
        assertThat(b.used("quotes")).isEqualTo(Map.of("ipv4:0a000100", 2));
        b.use("quotes", "ipv4:0a000100", 4);
        assertThat(a.used("quotes")).isEqualTo(Map.of("ipv4:0a000100", 4));
    }
}
