-- Systemic-problem alerts: a (topic, device model | school | ZIP) group whose tickets in a recent window rose well
-- above its own baseline (see Bot.Data/Insights/Alerts/SpikeRule.cs).
CREATE TABLE alerts (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dimension       TEXT NOT NULL CHECK (dimension IN ('model', 'school', 'zip')),
    topic           TEXT NOT NULL,
    group_value     TEXT NOT NULL,
    group_label     TEXT NOT NULL,
    window_start    TIMESTAMPTZ NOT NULL,
    window_end      TIMESTAMPTZ NOT NULL,
    observed        INTEGER NOT NULL,
    expected        DOUBLE PRECISION NOT NULL,
    p_value         DOUBLE PRECISION NOT NULL,
    raised_at       TIMESTAMPTZ NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'acknowledged')),
    acknowledged_by TEXT NULL,
    acknowledged_at TIMESTAMPTZ NULL
);

-- One open alert per group, even when two app instances scan at once.
CREATE UNIQUE INDEX ix_alerts_open_group ON alerts (dimension, topic, group_value) WHERE status = 'open';
CREATE INDEX ix_alerts_raised ON alerts (raised_at);

CREATE TABLE alert_tickets (
    alert_id  BIGINT NOT NULL REFERENCES alerts (id),
    ticket_id BIGINT NOT NULL REFERENCES tickets (id),
    PRIMARY KEY (alert_id, ticket_id)
);

-- The detector reads tickets by creation time and groups them by topic and place or device: covering, so a scan
-- reads the index alone.
CREATE INDEX ix_tickets_created_groups ON tickets (created_at) INCLUDE (topic, location_zip, device_id, person_id);
