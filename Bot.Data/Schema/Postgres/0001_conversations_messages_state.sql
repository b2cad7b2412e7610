CREATE TABLE conversations (
    id                      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel                 TEXT NOT NULL,
    channel_conversation_id TEXT NOT NULL,
    address                 TEXT NULL,
    mode                    TEXT NOT NULL DEFAULT 'bot' CHECK (mode IN ('bot', 'human')),
    reference_json          TEXT NULL,
    created_at              TIMESTAMPTZ NOT NULL,
    last_activity_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (channel, channel_conversation_id)
);

CREATE TABLE messages (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    author_kind     TEXT NOT NULL CHECK (author_kind IN ('user', 'bot', 'technician', 'system')),
    channel         TEXT NOT NULL,
    text            TEXT NULL,
    at              TIMESTAMPTZ NOT NULL,
    external_id     TEXT NULL,
    processed_at    TIMESTAMPTZ NULL,
    UNIQUE (channel, external_id)
);

CREATE INDEX ix_messages_conversation ON messages (conversation_id, id);

CREATE TABLE bot_state (
    key        TEXT PRIMARY KEY,
    json       TEXT NOT NULL,
    etag       TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
