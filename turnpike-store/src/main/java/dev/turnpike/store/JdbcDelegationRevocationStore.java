package dev.turnpike.store;

import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.bifrost.crypto.KeyFormatException;
import dev.turnpike.l402.StoreException;
import dev.turnpike.store.api.DelegationRevocation;
import dev.turnpike.store.api.DelegationRevocationStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Delegation revocations in the {@code delegation_revocations} table; the operator's rows have issuer {@code ''}. */
public final class JdbcDelegationRevocationStore implements DelegationRevocationStore {

    private static final String BY_OPERATOR = "";

    private final DataSource dataSource;

    public JdbcDelegationRevocationStore(Database database) {
        this.dataSource = database.dataSource();
    }

    @Override
    public void revoke(DelegationRevocation r) throws StoreException {
        Sql.update(dataSource, "the delegation revocation could not be recorded",
                "INSERT INTO delegation_revocations (token_hash, issuer, revoked_at, expires_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (token_hash, issuer) DO NOTHING",
                s -> {
                    s.setBytes(1, r.tokenHash().toBytes());
                    s.setString(2, r.issuer().map(Ed25519PublicKey::toBase58).orElse(BY_OPERATOR));
                    s.setLong(3, r.revokedAt().getEpochSecond());
                    if (r.expiration().isPresent()) {
                        s.setLong(4, r.expiration().get().getEpochSecond());
                    } else {
                        s.setNull(4, Types.BIGINT);
                    }
                });
    }

    @Override
    public List<DelegationRevocation> revoked(Instant now) throws StoreException {
        List<DelegationRevocation> out = new ArrayList<>();
        Sql.query(dataSource, "delegation revocations could not be read",
                "SELECT token_hash, issuer, revoked_at, expires_at FROM delegation_revocations"
                        + " WHERE expires_at IS NULL OR expires_at >= ? ORDER BY revoked_at, token_hash, issuer",
                s -> s.setLong(1, now.getEpochSecond()), r -> out.add(revocation(r)));
        return out;
    }

    @Override
    public int purge(Instant now) throws StoreException {
        return Sql.update(dataSource, "expired delegation revocations could not be purged",
                "DELETE FROM delegation_revocations WHERE expires_at < ?", s -> s.setLong(1, now.getEpochSecond()));
    }

    private static DelegationRevocation revocation(ResultSet r) throws SQLException {
        String issuer = r.getString(2);
        long expires = r.getLong(4);
        Optional<Instant> expiration = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(expires));
        try {
            return new DelegationRevocation(TokenHash.fromBytes(r.getBytes(1)),
                    issuer.equals(BY_OPERATOR) ? Optional.empty() : Optional.of(Ed25519PublicKey.fromBase58(issuer)),
                    Instant.ofEpochSecond(r.getLong(3)), expiration);
        } catch (KeyFormatException e) {
            throw new SQLException("a revocation's issuer is not a valid key: " + issuer, e);
        }
    }
}
