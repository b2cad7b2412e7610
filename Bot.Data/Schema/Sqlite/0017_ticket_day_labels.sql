-- More daily summaries (see 0016): tickets per day by topic and by where the device was, per channel and category;
-- and per day by ZIP code (too many to keep per channel and category too: a report narrowed so reads the tickets).
CREATE TABLE ticket_day_labels (
    day       TEXT NOT NULL,
    channel   TEXT NOT NULL,
    category  TEXT NOT NULL,
    dimension TEXT NOT NULL CHECK (dimension IN ('topic', 'location')),
    label     TEXT NULL,
    tickets   INTEGER NOT NULL
);
CREATE INDEX ix_ticket_day_labels ON ticket_day_labels (dimension, day, channel, category, label, tickets);

CREATE TABLE ticket_day_zips (
    day          TEXT NOT NULL,
    location_zip TEXT NULL,
    tickets      INTEGER NOT NULL
);
CREATE INDEX ix_ticket_day_zips ON ticket_day_zips (day, location_zip, tickets);

CREATE TRIGGER tr_tickets_day_labels_update AFTER UPDATE OF topic, location_kind, location_zip ON tickets
BEGIN
    INSERT INTO ticket_day_changes (created_at) VALUES (OLD.created_at);
END;

-- Every day is summarised again, into these tables too.
UPDATE ticket_day_calendar SET time_zone = '';

-- Tickets escalated from an article, and tickets still open, are a part of a range: each read from its own index.
CREATE INDEX ix_tickets_created_escalated ON tickets (created_at, channel, category, person_id, article_slug) WHERE article_slug IS NOT NULL;
CREATE INDEX ix_tickets_created_open ON tickets (created_at, channel, category, person_id, assignee) WHERE status IN ('new', 'open', 'pending');
