package dev.turnpike.store;

import dev.turnpike.gateway.bifrost.SessionKey;
import dev.turnpike.gateway.bifrost.SessionState;
import dev.turnpike.gateway.bifrost.SessionStore;
import dev.turnpike.gateway.bifrost.StoredSession;
import dev.turnpike.l402.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Bifrost sessions in the {@code bifrost_sessions} table. State changes are one conditional {@code UPDATE} each
 * ({@code WHERE state = ? AND expires_at > ?}), so the database decides which of two racing approvals wins, for
 * every gateway sharing it. Plain SQL: a PostgreSQL store needs only its own migration.
 */
public final class JdbcSessionStore implements SessionStore {

    private static final String COLUMNS = "id_hash, delegated_key, attributes, confirmation_code, poll_token_hash,"
            + " state, token, created_at, expires_at, updated_at, creator_ip";

    private final DataSource dataSource;

    public JdbcSessionStore(Database database) {
        this.dataSource = database.dataSource();
    }

    @Override
    public void create(StoredSession s) throws StoreException {
        Sql.update(dataSource, "the session could not be saved",
                "INSERT INTO bifrost_sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                st -> {
                    st.setBytes(1, s.key().toByteArray());
                    st.setString(2, s.delegatedKey());
                    st.setString(3, s.attributesJson());
                    st.setString(4, s.confirmationCode());
                    st.setBytes(5, s.pollTokenHash());
                    st.setString(6, code(s.state()));
                    st.setString(7, s.token());
                    st.setLong(8, s.createdAt().toEpochMilli());
                    st.setLong(9, s.expiresAt().toEpochMilli());
                    st.setLong(10, s.updatedAt().toEpochMilli());
                    st.setString(11, s.creatorIp());
                });
    }

    @Override
    public Optional<StoredSession> find(SessionKey key) throws StoreException {
        List<StoredSession> out = new ArrayList<>(1);
        Sql.query(dataSource, "the session could not be read",
                "SELECT " + COLUMNS + " FROM bifrost_sessions WHERE id_hash = ?",
                st -> st.setBytes(1, key.toByteArray()), r -> out.add(session(r)));
        return out.stream().findFirst();
    }

    @Override
    public boolean transition(SessionKey key, SessionState from, SessionState to, String token, Instant now)
            throws StoreException {
        return Sql.update(dataSource, "the session's state could not be changed",
                "UPDATE bifrost_sessions SET state = ?, token = ?, updated_at = ?"
                        + " WHERE id_hash = ? AND state = ? AND expires_at > ?",
                st -> {
                    st.setString(1, code(to));
                    st.setString(2, token);
                    st.setLong(3, now.toEpochMilli());
                    st.setBytes(4, key.toByteArray());
                    st.setString(5, code(from));
                    st.setLong(6, now.toEpochMilli());
                }) == 1;
    }

    @Override
    public int purgeExpiredBefore(Instant before) throws StoreException {
        return Sql.update(dataSource, "expired sessions could not be purged",
                "DELETE FROM bifrost_sessions WHERE expires_at < ?", st -> st.setLong(1, before.toEpochMilli()));
    }

    private static String code(SessionState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static StoredSession session(ResultSet r) throws SQLException {
        return new StoredSession(
                SessionKey.of(r.getBytes(1)),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getBytes(5),
                SessionState.valueOf(r.getString(6).toUpperCase(Locale.ROOT)),
                r.getString(7),
                Instant.ofEpochMilli(r.getLong(8)),
                Instant.ofEpochMilli(r.getLong(9)),
                Instant.ofEpochMilli(r.getLong(10)),
                r.getString(11));
    }
}
