-- The technicians' weekly claims and resolutions are counted per week by the database (TechnicianLoad): a range of
-- events by time, read from this index alone when the report is not narrowed by channel, category or school. It
-- replaces 0011's index on the time alone.
DROP INDEX ix_ticket_events_at;
CREATE INDEX ix_ticket_events_at_work ON ticket_events (at, to_status, from_status, actor, note);
