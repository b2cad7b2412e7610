-- Systemic-problem alerts: a (topic, device model | school | ZIP) group whose tickets in a recent window rose well
-- above its own baseline (see Bot.Data/Insights/Alerts/SpikeRule.cs).
CREATE TABLE alerts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    dimension       TEXT NOT NULL CHECK (dimension IN ('model', 'school', 'zip')),
    topic           TEXT NOT NULL,
    group_value     TEXT NOT NULL,
    group_label     TEXT NOT NULL,
    window_start    TEXT NOT NULL,
    window_end      TEXT NOT NULL,
    observed        INTEGER NOT NULL,
    expected        REAL NOT NULL,
    p_value         REAL NOT NULL,
    raised_at       TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'acknowledged')),
    acknowledged_by TEXT NULL,
    acknowledged_at TEXT NULL
);

-- One open alert per group, even when two app instances scan at once.
CREATE UNIQUE INDEX ix_alerts_open_group ON alerts (dimension, topic, group_value) WHERE status = 'open';
CREATE INDEX ix_alerts_raised ON alerts (raised_at);

CREATE TABLE alert_tickets (
    alert_id  INTEGER NOT NULL REFERENCES alerts (id),
    ticket_id INTEGER NOT NULL REFERENCES tickets (id),
    PRIMARY KEY (alert_id, ticket_id)
);

-- The detector reads tickets by creation time and groups them by topic and place or device: covering, so a scan
-- reads the index alone.
CREATE INDEX ix_tickets_created_groups ON tickets (created_at, topic, location_zip, device_id, person_id);
