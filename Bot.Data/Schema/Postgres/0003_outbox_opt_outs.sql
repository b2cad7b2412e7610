-- Messages waiting to go out on a channel whose sends can fail (SMS): sent in order per address, retried, dead-lettered.
CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel         TEXT NOT NULL,
    address         TEXT NOT NULL,
    sender          TEXT NOT NULL,
    body            TEXT NOT NULL,
    conversation_id BIGINT NULL REFERENCES conversations (id),
    created_at      TIMESTAMPTZ NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ NULL,
    dead_at         TIMESTAMPTZ NULL,
    last_error      TEXT NULL,
    external_id     TEXT NULL
);

CREATE INDEX ix_outbox_pending ON outbox (channel, address, id) WHERE sent_at IS NULL AND dead_at IS NULL;
CREATE UNIQUE INDEX ix_outbox_external ON outbox (channel, external_id);

-- What the provider reported about sent messages, kept even when a report arrives before the send is recorded.
CREATE TABLE delivery_reports (
    channel     TEXT NOT NULL,
    external_id TEXT NOT NULL,
    status      TEXT NOT NULL,
    error_code  TEXT NULL,
    received_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX ix_delivery_reports_message ON delivery_reports (channel, external_id, received_at);

-- People who texted STOP: nothing is sent to them until they text START.
CREATE TABLE opt_outs (
    channel    TEXT NOT NULL,
    address    TEXT NOT NULL,
    opted_out  BOOLEAN NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (channel, address)
);
