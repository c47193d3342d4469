-- A minted token's root key, under sha256(macaroon identifier). Written once, never updated.
CREATE TABLE root_keys (
    id_hash    BLOB    PRIMARY KEY CHECK (length(id_hash) = 32),
    root_key   BLOB    NOT NULL    CHECK (length(root_key) BETWEEN 1 AND 1024),
    created_at INTEGER NOT NULL    -- unix seconds
) WITHOUT ROWID;
