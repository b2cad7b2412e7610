-- The insights reports read tickets, status events and self-service resolutions by the time they happened.
CREATE INDEX ix_tickets_created ON tickets (created_at);
CREATE INDEX ix_ticket_events_at ON ticket_events (at);
CREATE INDEX ix_self_service_resolutions_resolved ON self_service_resolutions (resolved_at);
