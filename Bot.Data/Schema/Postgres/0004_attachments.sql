-- Files people sent with a message (MMS photos of a cracked screen): recorded with the message, fetched from the
-- provider afterwards, size- and type-checked, and kept with the message and so with its ticket.
CREATE TABLE attachments (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id      BIGINT NOT NULL REFERENCES messages (id),
    position        INTEGER NOT NULL,
    source_url      TEXT NOT NULL,
    declared_type   TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'stored', 'rejected')),
    content_type    TEXT NULL,
    size_bytes      BIGINT NULL,
    content         BYTEA NULL,
    reason          TEXT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ NULL,
    UNIQUE (message_id, position)
);

CREATE INDEX ix_attachments_pending ON attachments (next_attempt_at) WHERE status = 'pending';
