package dev.turnpike.store;

import dev.turnpike.l402.PaymentHash;
import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.StoreException;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.macaroon.RootKey;
import dev.turnpike.store.api.ChangeFeed;
import dev.turnpike.store.api.IssuedToken;
import dev.turnpike.store.api.ServiceTotals;
import dev.turnpike.store.api.TokenLedger;
import dev.turnpike.store.api.TokenRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The token ledger in the {@code tokens} table, with each token's root key in {@code root_keys}. Plain SQL: the same on
 * SQLite and PostgreSQL.
 */
public final class JdbcTokenLedger implements TokenLedger {

    private static final String COLUMNS =
            "token_id, payment_hash, service, price_msat, invoice, issued_at, expires_at, settled_at, revoked_at";

    private final Database database;
    private final DataSource dataSource;

    public JdbcTokenLedger(Database database) {
        this.database = database;
        this.dataSource = database.dataSource();
    }

    @Override
    public void issued(IssuedToken t, RootKeyId keyId, RootKey key) throws StoreException {
        Sql.transaction(dataSource, "the issued token could not be recorded", c -> {
            Sql.update(c, JdbcRootKeyStore.INSERT, JdbcRootKeyStore.insertion(keyId, key, t.issuedAt()));
            Sql.update(c, "INSERT INTO tokens (token_id, payment_hash, service, price_msat, invoice, issued_at,"
                    + " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)", s -> {
                        s.setBytes(1, t.tokenId().toByteArray());
                        s.setBytes(2, t.paymentHash().toByteArray());
                        s.setString(3, t.service());
                        s.setLong(4, t.priceMsat());
                        s.setString(5, t.invoice());
                        s.setLong(6, t.issuedAt().getEpochSecond());
                        if (t.expiresAt() == null) {
                            s.setNull(7, Types.BIGINT);
                        } else {
                            s.setLong(7, t.expiresAt().getEpochSecond());
                        }
                    });
        });
    }

    @Override
    public Optional<IssuedToken> settled(PaymentHash paymentHash, Instant at) throws StoreException {
        int updated = Sql.update(dataSource, "the settlement could not be recorded",
                "UPDATE tokens SET settled_at = ? WHERE payment_hash = ? AND settled_at IS NULL",
                s -> {
                    s.setLong(1, at.getEpochSecond());
                    s.setBytes(2, paymentHash.toByteArray());
                });
        if (updated == 0) {
            return Optional.empty();
        }
        List<IssuedToken> out = new ArrayList<>(1);
        Sql.query(dataSource, "the settled token could not be read",
                "SELECT " + COLUMNS + " FROM tokens WHERE payment_hash = ?",
                s -> s.setBytes(1, paymentHash.toByteArray()), r -> out.add(record(r).token()));
        return out.stream().findFirst();
    }

    @Override
    public boolean revoke(TokenId tokenId, Instant at) throws StoreException {
        // COALESCE keeps the first revocation time and still counts the row as found
        boolean found = Sql.update(dataSource, "the revocation could not be recorded",
                "UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE token_id = ?",
                s -> {
                    s.setLong(1, at.getEpochSecond());
                    s.setBytes(2, tokenId.toByteArray());
                }) == 1;
        if (found) {
            database.announce(ChangeFeed.Topic.TOKEN_REVOCATION, tokenId.toHex());
        }
        return found;
    }

    @Override
    public List<TokenId> revoked() throws StoreException {
        List<TokenId> out = new ArrayList<>();
        Sql.query(dataSource, "revocations could not be read", "SELECT token_id FROM tokens WHERE revoked_at IS NOT NULL",
                Sql.NO_PARAMETERS, r -> out.add(TokenId.of(r.getBytes(1))));
        return out;
    }

    @Override
    public Optional<TokenRecord> find(TokenId tokenId) throws StoreException {
        List<TokenRecord> out = new ArrayList<>(1);
        Sql.query(dataSource, "the token could not be read", "SELECT " + COLUMNS + " FROM tokens WHERE token_id = ?",
                s -> s.setBytes(1, tokenId.toByteArray()), r -> out.add(record(r)));
        return out.stream().findFirst();
    }

    @Override
    public List<TokenRecord> list(Optional<String> service, int limit) throws StoreException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        List<TokenRecord> out = new ArrayList<>();
        String where = service.isPresent() ? " WHERE service = ?" : "";
        Sql.query(dataSource, "tokens could not be listed",
                "SELECT " + COLUMNS + " FROM tokens" + where + " ORDER BY issued_at DESC, token_id LIMIT ?",
                s -> {
                    int i = 1;
                    if (service.isPresent()) {
                        s.setString(i++, service.get());
                    }
                    s.setInt(i, limit);
                },
                r -> out.add(record(r)));
        return out;
    }

    @Override
    public List<ServiceTotals> totals() throws StoreException {
        List<ServiceTotals> out = new ArrayList<>();
        Sql.query(dataSource, "totals could not be read",
                "SELECT service, COUNT(*), COUNT(settled_at),"
                        + " COALESCE(SUM(CASE WHEN settled_at IS NOT NULL THEN price_msat END), 0)"
                        + " FROM tokens GROUP BY service ORDER BY service",
                Sql.NO_PARAMETERS,
                r -> out.add(new ServiceTotals(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4))));
        return out;
    }

    private static TokenRecord record(ResultSet r) throws SQLException {
        IssuedToken token = new IssuedToken(
                TokenId.of(r.getBytes(1)),
                PaymentHash.of(r.getBytes(2)),
                r.getString(3),
                r.getLong(4),
                r.getString(5),
                Instant.ofEpochSecond(r.getLong(6)),
                instantOrNull(r, 7));
        return new TokenRecord(token, instantOrNull(r, 8), instantOrNull(r, 9));
    }

    private static Instant instantOrNull(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochSecond(v);
    }
}
