package dev.turnpike.store;

import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.RootKeyStore;
import dev.turnpike.l402.RootKeyWriter;
import dev.turnpike.l402.StoreException;
import dev.turnpike.l402.macaroon.RootKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/** Root keys in the {@code root_keys} table. Plain SQL, so any migrated database serves. */
public final class JdbcRootKeyStore implements RootKeyStore, RootKeyWriter {

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcRootKeyStore(Database database, Clock clock) {
        this.dataSource = database.dataSource();
        this.clock = clock;
    }

    @Override
    public Optional<RootKey> find(RootKeyId id) throws StoreException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT root_key FROM root_keys WHERE id_hash = ?")) {
            s.setBytes(1, id.toByteArray());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(RootKey.of(r.getBytes(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("root key lookup failed", e);
        }
    }

    /** Saves a new key; saving a second key under the same id fails (ids are hashes of random bytes). */
    @Override
    public void save(RootKeyId id, RootKey key) throws StoreException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO root_keys (id_hash, root_key, created_at) VALUES (?, ?, ?)")) {
            s.setBytes(1, id.toByteArray());
            s.setBytes(2, key.toByteArray());
            s.setLong(3, clock.instant().getEpochSecond());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("root key could not be saved", e);
        }
    }
}
