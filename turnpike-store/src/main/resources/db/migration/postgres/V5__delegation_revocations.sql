-- Revoked Bifrost delegation tokens, by the SHA-256 of the token's compact text. The same table as SQLite's V5:
-- issuer is the revoking wallet's base58 key or '' for the operator; times are unix seconds.
CREATE TABLE delegation_revocations (
    token_hash BYTEA  NOT NULL CHECK (octet_length(token_hash) = 32),
    issuer     TEXT   NOT NULL,
    revoked_at BIGINT NOT NULL,
    expires_at BIGINT,
    PRIMARY KEY (token_hash, issuer)
);

CREATE INDEX delegation_revocations_expiry ON delegation_revocations (expires_at) WHERE expires_at IS NOT NULL;
