-- Bifrost sessions. The id and the poll token are kept only as SHA-256 hashes; the wallet's token only from
-- approval until the application fetches it. Times are unix milliseconds. The same table as SQLite's V3.
CREATE TABLE bifrost_sessions (
    id_hash           BYTEA  PRIMARY KEY CHECK (octet_length(id_hash) = 32),
    delegated_key     TEXT   NOT NULL CHECK (length(delegated_key) BETWEEN 32 AND 64), -- base58
    attributes        TEXT   NOT NULL CHECK (length(attributes) <= 16384),
    confirmation_code TEXT   NOT NULL CHECK (length(confirmation_code) <= 16),
    poll_token_hash   BYTEA  NOT NULL CHECK (octet_length(poll_token_hash) = 32),
    state             TEXT   NOT NULL CHECK (state IN ('pending', 'approved', 'denied', 'cancelled', 'consumed')),
    token             TEXT            CHECK (length(token) <= 65536),
    created_at        BIGINT NOT NULL,
    expires_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    creator_ip        TEXT   NOT NULL
);

CREATE INDEX bifrost_sessions_by_expiry ON bifrost_sessions (expires_at);
