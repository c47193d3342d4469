package dev.turnpike.store;

import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationRequest;
import dev.turnpike.bifrost.InvalidAttributesException;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.bifrost.crypto.KeyFormatException;
import dev.turnpike.bifrost.session.ConfirmationCode;
import dev.turnpike.bifrost.session.PollTokenHash;
import dev.turnpike.bifrost.session.Session;
import dev.turnpike.bifrost.session.SessionId;
import dev.turnpike.bifrost.session.SessionState;
import dev.turnpike.l402.StoreException;
import dev.turnpike.store.api.ChangeFeed;
import dev.turnpike.store.api.SessionStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Bifrost sessions in the {@code bifrost_sessions} table. A state change is one conditional {@code UPDATE}
 * ({@code WHERE state = ? AND expires_at > ?}), so the database decides which of two racing approvals wins, for
 * every gateway sharing it. Plain SQL: the same on SQLite and PostgreSQL.
 *
 * <p>What never changes in a session (key, attributes, code, times) is kept parsed in a small cache by id hash, so
 * a read does not validate the delegated key again (a full Ed25519 point check costs as much as a signature check);
 * state and token always come from the database.
 */
public final class JdbcSessionStore implements SessionStore {

    /** Sessions whose fixed part is kept parsed. */
    static final int MAX_CACHED = 4096;
    private static final String COLUMNS = "delegated_key, attributes, confirmation_code, poll_token_hash, state,"
            + " token, created_at, expires_at";
    private static final HexFormat HEX = HexFormat.of();

    private final Database database;
    private final DataSource dataSource;
    private final ConcurrentHashMap<SessionId, Session.Stored> fixedParts = new ConcurrentHashMap<>();

    public JdbcSessionStore(Database database) {
        this.database = database;
        this.dataSource = database.dataSource();
    }

    @Override
    public void create(Session.Stored s, String creatorIp) throws StoreException {
        Sql.update(dataSource, "the session could not be saved",
                "INSERT INTO bifrost_sessions (id_hash, " + COLUMNS + ", updated_at, creator_ip)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                st -> {
                    st.setBytes(1, HEX.parseHex(s.id().hashed()));
                    st.setString(2, s.request().delegatedKey().toBase58());
                    st.setString(3, s.request().attributes().toJson());
                    st.setString(4, s.confirmationCode().text());
                    st.setBytes(5, HEX.parseHex(s.pollTokenHash().toHex()));
                    st.setString(6, code(s.state()));
                    st.setString(7, s.token().orElse(null));
                    st.setLong(8, s.createdAt().toEpochMilli());
                    st.setLong(9, s.expiresAt().toEpochMilli());
                    st.setLong(10, s.createdAt().toEpochMilli());
                    st.setString(11, creatorIp);
                });
        remember(s);
    }

    private void remember(Session.Stored s) {
        if (fixedParts.size() >= MAX_CACHED) {
            fixedParts.clear(); // sessions live minutes: starting over costs one parse each
        }
        fixedParts.put(s.id(), s);
    }

    @Override
    public Optional<Session.Stored> find(SessionId id) throws StoreException {
        List<Session.Stored> out = new ArrayList<>(1);
        List<String> corrupt = new ArrayList<>(1);
        Sql.query(dataSource, "the session could not be read",
                "SELECT " + COLUMNS + " FROM bifrost_sessions WHERE id_hash = ?",
                st -> st.setBytes(1, HEX.parseHex(id.hashed())),
                r -> {
                    Session.Stored fixed = fixedParts.get(id);
                    try {
                        out.add(fixed != null ? withState(fixed, r) : session(id, r));
                    } catch (KeyFormatException | InvalidAttributesException | IllegalArgumentException e) {
                        corrupt.add(e.getMessage());
                    }
                });
        if (!corrupt.isEmpty()) {
            throw new StoreException("a stored session is not readable: " + corrupt.get(0));
        }
        if (out.isEmpty()) {
            fixedParts.remove(id);
            return Optional.empty();
        }
        remember(out.get(0));
        return Optional.of(out.get(0));
    }

    @Override
    public boolean replace(Session.Stored current, Session.Stored next, Instant now) throws StoreException {
        if (!current.id().equals(next.id())) {
            throw new IllegalArgumentException("a session can only be replaced by a later state of itself");
        }
        boolean replaced = Sql.update(dataSource, "the session's state could not be changed",
                "UPDATE bifrost_sessions SET state = ?, token = ?, updated_at = ?"
                        + " WHERE id_hash = ? AND state = ? AND expires_at > ?",
                st -> {
                    st.setString(1, code(next.state()));
                    st.setString(2, next.token().orElse(null));
                    st.setLong(3, now.toEpochMilli());
                    st.setBytes(4, HEX.parseHex(current.id().hashed()));
                    st.setString(5, code(current.state()));
                    st.setLong(6, now.toEpochMilli());
                }) == 1;
        if (replaced) {
            database.announce(ChangeFeed.Topic.SESSION, current.id().hashed());
        }
        return replaced;
    }

    @Override
    public PurgedSessions purgeExpiredBefore(Instant before) throws StoreException {
        int[] deleted = new int[2];
        String pending = code(SessionState.PENDING);
        Sql.query(dataSource, "expired sessions could not be purged",
                "DELETE FROM bifrost_sessions WHERE expires_at < ? RETURNING state",
                st -> st.setLong(1, before.toEpochMilli()), r -> {
                    deleted[0]++;
                    if (pending.equals(r.getString(1))) {
                        deleted[1]++;
                    }
                });
        return new PurgedSessions(deleted[0], deleted[1]);
    }

    private static String code(SessionState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static Session.Stored withState(Session.Stored fixed, ResultSet r) throws SQLException {
        return new Session.Stored(fixed.id(), fixed.pollTokenHash(), fixed.confirmationCode(), fixed.request(),
                fixed.createdAt(), fixed.expiresAt(), SessionState.valueOf(r.getString(5).toUpperCase(Locale.ROOT)),
                Optional.ofNullable(r.getString(6)));
    }

    private static Session.Stored session(SessionId id, ResultSet r)
            throws SQLException, KeyFormatException, InvalidAttributesException {
        DelegationRequest request = new DelegationRequest(Ed25519PublicKey.fromBase58(r.getString(1)),
                Attributes.parse(r.getString(2)));
        ConfirmationCode code = ConfirmationCode.parse(r.getString(3))
                .orElseThrow(() -> new IllegalArgumentException("not a confirmation code"));
        return new Session.Stored(id, PollTokenHash.fromHex(HEX.formatHex(r.getBytes(4))), code, request,
                Instant.ofEpochMilli(r.getLong(7)), Instant.ofEpochMilli(r.getLong(8)),
                SessionState.valueOf(r.getString(5).toUpperCase(Locale.ROOT)), Optional.ofNullable(r.getString(6)));
    }
}
