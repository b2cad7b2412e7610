CREATE TABLE tickets (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    number                TEXT NULL UNIQUE,
    status                TEXT NOT NULL CHECK (status IN ('new', 'open', 'pending', 'resolved', 'closed')),
    category              TEXT NOT NULL CHECK (category IN ('hardware', 'network', 'software', 'account', 'user-error', 'user-training', 'other')),
    topic                 TEXT NOT NULL,
    priority              TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    channel               TEXT NOT NULL,
    conversation_id       INTEGER NOT NULL REFERENCES conversations (id),
    requester_address     TEXT NOT NULL,
    language              TEXT NOT NULL,
    device_asset_tag      TEXT NULL,
    location_kind         TEXT NULL CHECK (location_kind IN ('home', 'school', 'other')),
    location_zip          TEXT NULL,
    started               TEXT NULL,
    summary               TEXT NOT NULL,
    article_slug          TEXT NULL,
    created_at            TEXT NOT NULL,
    first_response_due_at TEXT NOT NULL,
    resolution_due_at     TEXT NOT NULL,
    first_response_at     TEXT NULL,
    resolved_at           TEXT NULL,
    assignee              TEXT NULL,
    resolution            TEXT NULL,
    resolved_by           TEXT NULL CHECK (resolved_by IN ('bot', 'technician'))
);

CREATE INDEX ix_tickets_requester ON tickets (channel, requester_address, status);

CREATE TABLE ticket_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id   INTEGER NOT NULL REFERENCES tickets (id),
    at          TEXT NOT NULL,
    from_status TEXT NULL,
    to_status   TEXT NOT NULL,
    actor       TEXT NOT NULL,
    note        TEXT NULL
);

CREATE INDEX ix_ticket_events_ticket ON ticket_events (ticket_id, id);

ALTER TABLE conversations ADD COLUMN open_ticket_id INTEGER NULL REFERENCES tickets (id);
ALTER TABLE messages ADD COLUMN ticket_id INTEGER NULL REFERENCES tickets (id);
CREATE INDEX ix_messages_ticket ON messages (ticket_id, id);

CREATE TABLE sla_policies (
    topic                 TEXT NOT NULL,
    category              TEXT NOT NULL,
    priority              TEXT NOT NULL,
    first_response_target TEXT NOT NULL,
    resolution_target     TEXT NOT NULL,
    PRIMARY KEY (topic, priority)
);

CREATE TABLE self_service_resolutions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id),
    article_slug    TEXT NOT NULL,
    language        TEXT NOT NULL,
    topic           TEXT NOT NULL,
    resolved_at     TEXT NOT NULL,
    rating          INTEGER NULL CHECK (rating BETWEEN 1 AND 5)
);

CREATE TABLE kb_articles (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    slug        TEXT NOT NULL,
    language    TEXT NOT NULL,
    topic       TEXT NOT NULL,
    title       TEXT NOT NULL,
    summary     TEXT NOT NULL,
    keywords    TEXT NOT NULL,
    devices     TEXT NOT NULL,
    steps_json  TEXT NOT NULL,
    video       TEXT NULL,
    search_text TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (slug, language)
);

-- Lexical index over accent-folded text (see Knowledge/SearchText.cs); rowid is kb_articles.id.
CREATE VIRTUAL TABLE kb_search USING fts5 (title, keywords, summary, body, tokenize = 'porter unicode61 remove_diacritics 2');

-- Targets per topic (kb-topics.md): first response and resolution, in business hours (h) or business days (d).
INSERT INTO sla_policies (topic, category, priority, first_response_target, resolution_target) VALUES
    ('power', 'hardware', 'normal', '1d', '5d'),
    ('screen', 'hardware', 'normal', '1d', '5d'),
    ('keyboard_trackpad', 'hardware', 'normal', '1d', '5d'),
    ('wifi', 'network', 'normal', '4h', '2d'),
    ('hotspot', 'network', 'normal', '4h', '2d'),
    ('login_password', 'account', 'normal', '1h', '1d'),
    ('mfa', 'account', 'normal', '1h', '1d'),
    ('video_meeting', 'software', 'normal', '1h', '1d'),
    ('lms', 'software', 'normal', '4h', '2d'),
    ('slow', 'software', 'normal', '8h', '3d'),
    ('update', 'software', 'normal', '8h', '3d'),
    ('printing', 'software', 'normal', '1d', '5d'),
    ('audio', 'hardware', 'normal', '8h', '3d'),
    ('camera', 'hardware', 'normal', '8h', '3d'),
    ('storage', 'software', 'normal', '8h', '3d'),
    ('browser', 'software', 'normal', '4h', '2d'),
    ('app_install', 'software', 'normal', '1d', '5d'),
    ('damage_repair', 'hardware', 'normal', '1d', '5d'),
    ('lost_stolen', 'hardware', 'normal', '4h', '2d'),
    ('return_pickup', 'user-training', 'normal', '1d', '5d'),
    ('accessibility', 'user-training', 'normal', '1d', '5d'),
    ('bluetooth', 'user-error', 'normal', '8h', '3d'),
    ('charger', 'hardware', 'normal', '1d', '5d'),
    ('other', 'other', 'normal', '8h', '3d');
