-- Technicians' claims and resolutions per UTC hour, kept by a trigger in the transaction that writes the event, for
-- the weekly report (TechnicianLoad): a year is a few thousand rows a technician rather than every event. Hours add
-- up to the district's weeks exactly where its time zone is a whole number of hours from UTC (every US zone);
-- elsewhere the report reads the events. Events are only ever added, never changed or removed.
CREATE TABLE technician_work_hours (
    hour     TEXT NOT NULL,
    actor    TEXT NOT NULL,
    claimed  INTEGER NOT NULL,
    resolved INTEGER NOT NULL,
    PRIMARY KEY (hour, actor)
);

-- Times are stored as UTC text ('yyyy-MM-dd HH:mm:ss.fffffff+00:00'); an hour is written as its whole-hour time is.
CREATE TRIGGER tr_ticket_events_work AFTER INSERT ON ticket_events
WHEN NEW.note LIKE 'claimed by %' OR (NEW.to_status = 'resolved' AND NEW.from_status <> 'resolved')
BEGIN
    INSERT INTO technician_work_hours (hour, actor, claimed, resolved)
    VALUES (substr(NEW.at, 1, 13) || ':00:00+00:00', NEW.actor,
            CASE WHEN NEW.to_status = 'resolved' THEN 0 ELSE 1 END, CASE WHEN NEW.to_status = 'resolved' THEN 1 ELSE 0 END)
    ON CONFLICT (hour, actor) DO UPDATE SET claimed = claimed + excluded.claimed, resolved = resolved + excluded.resolved;
END;

INSERT INTO technician_work_hours (hour, actor, claimed, resolved)
SELECT substr(at, 1, 13) || ':00:00+00:00', actor,
       SUM(CASE WHEN to_status = 'resolved' THEN 0 ELSE 1 END), SUM(CASE WHEN to_status = 'resolved' THEN 1 ELSE 0 END)
FROM ticket_events
WHERE note LIKE 'claimed by %' OR (to_status = 'resolved' AND from_status <> 'resolved')
GROUP BY substr(at, 1, 13), actor;
