package dev.turnpike.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code store} section for PostgreSQL: both URL forms, the user, the pool. */
class StoreConfigReaderTest {

    private static StoreConfig.Postgres postgres(String section) throws Exception {
        return (StoreConfig.Postgres) GatewayConfigTest.loader()
                .parse("store:\n  backend: postgres\n" + section + ConfigErrorsTest.S, "t.yaml").store();
    }

    @Test
    void theLibpqFormBecomesTheJdbcFormAndItsUser() throws Exception {
        StoreConfig.Postgres pg = postgres("  url: postgresql://turn%2Bpike@db.internal:6432/tp?sslmode=require\n");
        assertThat(pg.url()).isEqualTo("jdbc:postgresql://db.internal:6432/tp?sslmode=require");
        assertThat(pg.user()).contains("turn+pike");
        assertThat(pg.poolSize()).isEqualTo(StoreConfigReader.DEFAULT_POOL_SIZE);
    }

    @Test
    void theShortSchemeAndAnIpv6HostWithoutAUser() throws Exception {
        StoreConfig.Postgres pg = postgres("  url: postgres://[::1]/tp\n  user: gw\n  pool_size: 3\n");
        assertThat(pg.url()).isEqualTo("jdbc:postgresql://[::1]/tp");
        assertThat(pg.user()).contains("gw");
        assertThat(pg.poolSize()).isEqualTo(3);
    }

    @Test
    void theJdbcFormIsKeptAsWritten() throws Exception {
        StoreConfig.Postgres pg = postgres("  url: jdbc:postgresql://db.internal/tp?ApplicationName=x\n");
        assertThat(pg.url()).isEqualTo("jdbc:postgresql://db.internal/tp?ApplicationName=x");
        assertThat(pg.user()).isEmpty();
        assertThat(pg.password()).isEqualTo(Optional.empty());
    }
}
