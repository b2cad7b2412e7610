-- Tickets per day by the article tried before them ("not fixed", then a ticket), per channel and category, for the
-- self-service report by article (SelfServiceInsights): a third dimension of the daily labels (0017).
ALTER TABLE ticket_day_labels DROP CONSTRAINT ticket_day_labels_dimension_check;
ALTER TABLE ticket_day_labels ADD CONSTRAINT ticket_day_labels_dimension_check CHECK (dimension IN ('topic', 'location', 'article'));

DROP TRIGGER tr_tickets_day_labels_update ON tickets;
CREATE TRIGGER tr_tickets_day_labels_update AFTER UPDATE OF topic, location_kind, location_zip, article_slug
    ON tickets FOR EACH ROW EXECUTE FUNCTION ticket_day_changed();

-- Every day is summarised again, articles included.
UPDATE ticket_day_calendar SET time_zone = '';
