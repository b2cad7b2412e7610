-- Technicians' claims and resolutions per UTC hour, kept by a trigger in the transaction that writes the event, for
-- the weekly report (TechnicianLoad): a year is a few thousand rows a technician rather than every event. Hours add
-- up to the district's weeks exactly where its time zone is a whole number of hours from UTC (every US zone);
-- elsewhere the report reads the events. Events are only ever added, never changed or removed.
CREATE TABLE technician_work_hours (
    hour     TIMESTAMPTZ NOT NULL,
    actor    TEXT NOT NULL,
    claimed  BIGINT NOT NULL,
    resolved BIGINT NOT NULL,
    PRIMARY KEY (hour, actor)
);

CREATE FUNCTION technician_work_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.note LIKE 'claimed by %' OR (NEW.to_status = 'resolved' AND NEW.from_status <> 'resolved') THEN
        INSERT INTO technician_work_hours (hour, actor, claimed, resolved)
        VALUES (date_trunc('hour', NEW.at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', NEW.actor,
                CASE WHEN NEW.to_status = 'resolved' THEN 0 ELSE 1 END, CASE WHEN NEW.to_status = 'resolved' THEN 1 ELSE 0 END)
        ON CONFLICT (hour, actor) DO UPDATE SET claimed = technician_work_hours.claimed + excluded.claimed,
                                                resolved = technician_work_hours.resolved + excluded.resolved;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER tr_ticket_events_work AFTER INSERT ON ticket_events FOR EACH ROW EXECUTE FUNCTION technician_work_counted();

INSERT INTO technician_work_hours (hour, actor, claimed, resolved)
SELECT date_trunc('hour', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', actor,
       SUM(CASE WHEN to_status = 'resolved' THEN 0 ELSE 1 END), SUM(CASE WHEN to_status = 'resolved' THEN 1 ELSE 0 END)
FROM ticket_events
WHERE note LIKE 'claimed by %' OR (to_status = 'resolved' AND from_status <> 'resolved')
GROUP BY 1, actor;
