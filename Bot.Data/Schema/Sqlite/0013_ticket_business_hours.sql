-- Business hours to first response and to resolution, stored when each happens (TicketActions), so the response-time
-- reports read two numbers per ticket instead of walking the business calendar for every ticket at query time. NULL
-- until the ticket gets there; a reopened ticket loses its resolution hours. Existing rows are filled by the next
-- script (0014, in C#: the calendar lives there).
ALTER TABLE tickets ADD COLUMN first_response_business_hours REAL NULL;
ALTER TABLE tickets ADD COLUMN resolution_business_hours REAL NULL;
