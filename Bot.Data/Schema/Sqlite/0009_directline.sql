-- Web chat through our own Direct Line 3.0: each conversation and every activity in it, in order. A client's
-- watermark is the id of the last activity it has seen.
CREATE TABLE directline_conversations (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE directline_activities (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL REFERENCES directline_conversations (id),
    json            TEXT NOT NULL,
    at              TEXT NOT NULL
);

CREATE INDEX ix_directline_activities_conversation ON directline_activities (conversation_id, id);
