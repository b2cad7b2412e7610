-- Daily summaries of tickets for the insights reports (Bot.Data/Insights/Summaries), so that a school year of reports
-- reads a few thousand summary rows instead of every ticket. A day is a district-local date ('yyyy-MM-dd'), which
-- only the app's calendar knows; so the triggers below note which tickets changed, in the same transaction as the
-- change, and the reports rebuild the days those tickets fall on before they read (TicketDaySummaries). A ticket
-- written by any path (the app, an import, a test writing straight into the table) is therefore never missed.

-- Per day, channel and category: tickets opened, how many met each target once answered or resolved (an unfinished
-- ticket's share depends on the time of the report, so it is counted from the tickets), and every business-hours
-- figure, exact, as little-endian 8-byte doubles (one per ticket that got there), for exact percentiles.
CREATE TABLE ticket_days (
    day                  TEXT NOT NULL,
    channel              TEXT NOT NULL,
    category             TEXT NOT NULL,
    tickets              INTEGER NOT NULL,
    first_response_met   INTEGER NOT NULL,
    resolution_met       INTEGER NOT NULL,
    first_response_hours BLOB NOT NULL,
    resolution_hours     BLOB NOT NULL,
    PRIMARY KEY (day, channel, category)
);

-- Per day, tickets by the school they keep (school_id), or, when they keep none, by person (the report looks the
-- person's school up then, as it did from the tickets).
CREATE TABLE ticket_day_schools (
    day       TEXT NOT NULL,
    school_id INTEGER NULL,
    person_id INTEGER NULL,
    tickets   INTEGER NOT NULL
);
CREATE INDEX ix_ticket_day_schools ON ticket_day_schools (day, school_id, person_id, tickets);

-- Per day, tickets by the device model they keep, or, when they keep none, by device.
CREATE TABLE ticket_day_models (
    day          TEXT NOT NULL,
    device_model TEXT NULL,
    device_id    INTEGER NULL,
    tickets      INTEGER NOT NULL
);
CREATE INDEX ix_ticket_day_models ON ticket_day_models (day, device_model, device_id, tickets);

-- The creation times of tickets changed since their days were last summarised: each names a day to rebuild.
CREATE TABLE ticket_day_changes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL
);

-- The time zone the days were cut in; another one (or '' as here, for the tickets already stored) rebuilds every day.
CREATE TABLE ticket_day_calendar (
    time_zone TEXT NOT NULL
);
INSERT INTO ticket_day_calendar (time_zone) VALUES ('');

CREATE TRIGGER tr_tickets_day_insert AFTER INSERT ON tickets
BEGIN
    INSERT INTO ticket_day_changes (created_at) VALUES (NEW.created_at);
END;

CREATE TRIGGER tr_tickets_day_update AFTER UPDATE OF
    created_at, channel, category, person_id, school_id, device_id, device_model, first_response_at, resolved_at,
    first_response_due_at, resolution_due_at, first_response_business_hours, resolution_business_hours ON tickets
BEGIN
    INSERT INTO ticket_day_changes (created_at) VALUES (OLD.created_at);
    INSERT INTO ticket_day_changes (created_at) SELECT NEW.created_at WHERE NEW.created_at <> OLD.created_at;
END;

CREATE TRIGGER tr_tickets_day_delete AFTER DELETE ON tickets
BEGIN
    INSERT INTO ticket_day_changes (created_at) VALUES (OLD.created_at);
END;

-- The tickets not yet answered or not yet resolved, whose share of targets met is counted at report time.
CREATE INDEX ix_tickets_created_unfinished ON tickets (
    created_at, channel, category, first_response_at, resolved_at, first_response_due_at, resolution_due_at)
    WHERE first_response_at IS NULL OR resolved_at IS NULL;
