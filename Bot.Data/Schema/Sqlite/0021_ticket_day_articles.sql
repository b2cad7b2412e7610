-- Tickets per day by the article tried before them ("not fixed", then a ticket), per channel and category, for the
-- self-service report by article (SelfServiceInsights): a third dimension of the daily labels (0017). SQLite cannot
-- change a CHECK, so the table is made again.
CREATE TABLE ticket_day_labels_new (
    day       TEXT NOT NULL,
    channel   TEXT NOT NULL,
    category  TEXT NOT NULL,
    dimension TEXT NOT NULL CHECK (dimension IN ('topic', 'location', 'article')),
    label     TEXT NULL,
    tickets   INTEGER NOT NULL
);
INSERT INTO ticket_day_labels_new (day, channel, category, dimension, label, tickets)
SELECT day, channel, category, dimension, label, tickets FROM ticket_day_labels;
DROP TABLE ticket_day_labels;
ALTER TABLE ticket_day_labels_new RENAME TO ticket_day_labels;
CREATE INDEX ix_ticket_day_labels ON ticket_day_labels (dimension, day, channel, category, label, tickets);

DROP TRIGGER tr_tickets_day_labels_update;
CREATE TRIGGER tr_tickets_day_labels_update AFTER UPDATE OF topic, location_kind, location_zip, article_slug ON tickets
BEGIN
    INSERT INTO ticket_day_changes (created_at) VALUES (OLD.created_at);
END;

-- Every day is summarised again, articles included.
UPDATE ticket_day_calendar SET time_zone = '';
