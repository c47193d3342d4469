-- Every token the gateway minted, with its invoice. Times are unix seconds.
CREATE TABLE tokens (
    token_id     BLOB    PRIMARY KEY CHECK (length(token_id) = 32),
    payment_hash BLOB    NOT NULL UNIQUE CHECK (length(payment_hash) = 32),
    service      TEXT    NOT NULL,
    price_msat   INTEGER NOT NULL CHECK (price_msat >= 0),
    invoice      TEXT    NOT NULL,
    issued_at    INTEGER NOT NULL,
    expires_at   INTEGER,            -- null: the token never expires
    settled_at   INTEGER,            -- null: the invoice is not paid (yet)
    revoked_at   INTEGER             -- null: not revoked
) WITHOUT ROWID;

CREATE INDEX tokens_by_issue ON tokens (issued_at DESC);
CREATE INDEX tokens_by_service ON tokens (service, issued_at DESC);
CREATE INDEX tokens_revoked ON tokens (revoked_at) WHERE revoked_at IS NOT NULL;
