-- Revoked Bifrost delegation tokens, by the SHA-256 of the token's compact text. issuer: the base58 key of the wallet
-- that revoked it (refuses only its own token), or '' when the operator revoked it (refuses it whoever issued it).
-- Times are unix seconds; expires_at: the token's expiration when known (the row may go after it), else null.
CREATE TABLE delegation_revocations (
    token_hash BLOB    NOT NULL CHECK (length(token_hash) = 32),
    issuer     TEXT    NOT NULL,
    revoked_at INTEGER NOT NULL,
    expires_at INTEGER,
    PRIMARY KEY (token_hash, issuer)
) WITHOUT ROWID;

CREATE INDEX delegation_revocations_expiry ON delegation_revocations (expires_at) WHERE expires_at IS NOT NULL;
