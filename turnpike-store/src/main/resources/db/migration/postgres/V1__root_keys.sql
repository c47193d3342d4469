-- A minted token's root key, under sha256(macaroon identifier). Written once, never updated.
-- The same table as SQLite's V1: BYTEA for BLOB, BIGINT for INTEGER, the same checks.
CREATE TABLE root_keys (
    id_hash    BYTEA  PRIMARY KEY CHECK (octet_length(id_hash) = 32),
    root_key   BYTEA  NOT NULL    CHECK (octet_length(root_key) BETWEEN 1 AND 1024),
    created_at BIGINT NOT NULL    -- unix seconds
);
