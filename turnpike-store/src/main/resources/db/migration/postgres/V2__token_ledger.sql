-- Every token the gateway minted, with its invoice. Times are unix seconds. The same table as SQLite's V2.
CREATE TABLE tokens (
    token_id     BYTEA  PRIMARY KEY CHECK (octet_length(token_id) = 32),
    payment_hash BYTEA  NOT NULL UNIQUE CHECK (octet_length(payment_hash) = 32),
    service      TEXT   NOT NULL,
    price_msat   BIGINT NOT NULL CHECK (price_msat >= 0),
    invoice      TEXT   NOT NULL,
    issued_at    BIGINT NOT NULL,
    expires_at   BIGINT,            -- null: the token never expires
    settled_at   BIGINT,            -- null: the invoice is not paid (yet)
    revoked_at   BIGINT             -- null: not revoked
);

CREATE INDEX tokens_by_issue ON tokens (issued_at DESC);
CREATE INDEX tokens_by_service ON tokens (service, issued_at DESC);
CREATE INDEX tokens_revoked ON tokens (revoked_at) WHERE revoked_at IS NOT NULL;
