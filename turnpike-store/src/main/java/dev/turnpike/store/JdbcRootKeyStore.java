package dev.turnpike.store;

import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.RootKeyStore;
import dev.turnpike.l402.StoreException;
import dev.turnpike.l402.macaroon.RootKey;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Root keys in the {@code root_keys} table, as the verifier reads them. They are written only with their token's
 * booking, in one transaction ({@link JdbcTokenLedger#issued}). Plain SQL: the same on SQLite and PostgreSQL.
 */
public final class JdbcRootKeyStore implements RootKeyStore {

    /** The token ledger's, which stores each token's key with its booking; a second key under one id is refused. */
    static final String INSERT = "INSERT INTO root_keys (id_hash, root_key, created_at) VALUES (?, ?, ?)";

    private final DataSource dataSource;

    public JdbcRootKeyStore(Database database) {
        this.dataSource = database.dataSource();
    }

    @Override
    public Optional<RootKey> find(RootKeyId id) throws StoreException {
        RootKey[] found = new RootKey[1];
        Sql.query(dataSource, "root key lookup failed", "SELECT root_key FROM root_keys WHERE id_hash = ?",
                s -> s.setBytes(1, id.toByteArray()), r -> found[0] = RootKey.of(r.getBytes(1)));
        return Optional.ofNullable(found[0]);
    }

    /** The parameters of {@link #INSERT}. */
    static Sql.Binder insertion(RootKeyId id, RootKey key, Instant createdAt) {
        return s -> {
            s.setBytes(1, id.toByteArray());
            s.setBytes(2, key.toByteArray());
            s.setLong(3, createdAt.getEpochSecond());
        };
    }
}
