-- The school (the person's first by name, as the queue shows it) and the device model a ticket is counted under,
-- kept on the ticket from when it is opened (TicketStore), so that the volume reports group a range of tickets by two
-- small columns instead of by person and by device (tens of thousands of groups, each looked up). NULL where the
-- ticket has no person (or the person no school) or no device; the reports then look the person or device up.
ALTER TABLE tickets ADD COLUMN school_id BIGINT NULL; -- a copy for the reports, not a reference: no foreign key
ALTER TABLE tickets ADD COLUMN device_model TEXT NULL;
UPDATE tickets SET school_id = (
    SELECT s.id FROM person_schools ps JOIN schools s ON s.id = ps.school_id WHERE ps.person_id = tickets.person_id ORDER BY s.name, s.id LIMIT 1)
WHERE person_id IS NOT NULL;
UPDATE tickets SET device_model = (SELECT d.model FROM devices d WHERE d.id = tickets.device_id) WHERE device_id IS NOT NULL;
-- Every column the reports read for a range of tickets, in two indexes (counts; times), so that a range can be read
-- from an index alone (an index-only scan, as far as the visibility map allows).
CREATE INDEX ix_tickets_created_report ON tickets (created_at)
    INCLUDE (channel, category, person_id, school_id, device_model, device_id, topic, location_kind, location_zip);
CREATE INDEX ix_tickets_created_times ON tickets (created_at)
    INCLUDE (channel, category, person_id, first_response_business_hours, resolution_business_hours,
             first_response_at, resolved_at, first_response_due_at, resolution_due_at);
