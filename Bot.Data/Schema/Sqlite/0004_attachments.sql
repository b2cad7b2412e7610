-- Files people sent with a message (MMS photos of a cracked screen): recorded with the message, fetched from the
-- provider afterwards, size- and type-checked, and kept with the message and so with its ticket.
CREATE TABLE attachments (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id      INTEGER NOT NULL REFERENCES messages (id),
    position        INTEGER NOT NULL,
    source_url      TEXT NOT NULL,
    declared_type   TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'stored', 'rejected')),
    content_type    TEXT NULL,
    size_bytes      INTEGER NULL,
    content         BLOB NULL,
    reason          TEXT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    finished_at     TEXT NULL,
    UNIQUE (message_id, position)
);

CREATE INDEX ix_attachments_pending ON attachments (next_attempt_at) WHERE status = 'pending';
