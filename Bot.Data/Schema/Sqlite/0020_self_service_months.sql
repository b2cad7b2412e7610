-- Self-service resolutions per UTC month, channel, topic, article and rating (0: not rated), kept by triggers in the
-- transaction that writes, rates or removes a resolution, for the self-service reports (SelfServiceInsights): a year
-- is a few thousand rows rather than every resolution. A report adds up the whole UTC months inside its range from
-- here and reads the resolutions at its two ends, so any range is exact in any time zone.
CREATE TABLE self_service_months (
    month        TEXT NOT NULL,
    channel      TEXT NOT NULL,
    topic        TEXT NOT NULL,
    article_slug TEXT NOT NULL,
    rating       INTEGER NOT NULL,
    resolutions  INTEGER NOT NULL,
    PRIMARY KEY (month, channel, topic, article_slug, rating)
);

-- One place that counts a resolution in (+1) or out (-1) of its row, as PostgreSQL's self_service_month_counted: a
-- row written to this view is added to its month. Times are stored as UTC text ('yyyy-MM-dd HH:mm:ss…+00:00'); a
-- month is written as its first instant is.
CREATE VIEW self_service_month_counts AS
SELECT resolved_at, conversation_id, topic, article_slug, rating, 0 AS delta FROM self_service_resolutions WHERE 0;

CREATE TRIGGER tr_self_service_month_counts INSTEAD OF INSERT ON self_service_month_counts
BEGIN
    INSERT INTO self_service_months (month, channel, topic, article_slug, rating, resolutions)
    VALUES (substr(NEW.resolved_at, 1, 7) || '-01 00:00:00+00:00', COALESCE((SELECT channel FROM conversations WHERE id = NEW.conversation_id), ''),
            NEW.topic, NEW.article_slug, COALESCE(NEW.rating, 0), NEW.delta)
    ON CONFLICT (month, channel, topic, article_slug, rating) DO UPDATE SET resolutions = resolutions + excluded.resolutions;
END;

CREATE TRIGGER tr_self_service_months_insert AFTER INSERT ON self_service_resolutions
BEGIN
    INSERT INTO self_service_month_counts VALUES (NEW.resolved_at, NEW.conversation_id, NEW.topic, NEW.article_slug, NEW.rating, 1);
END;

CREATE TRIGGER tr_self_service_months_delete AFTER DELETE ON self_service_resolutions
BEGIN
    INSERT INTO self_service_month_counts VALUES (OLD.resolved_at, OLD.conversation_id, OLD.topic, OLD.article_slug, OLD.rating, -1);
END;

-- A rating (or any other change) moves the resolution from its old row to its new one.
CREATE TRIGGER tr_self_service_months_update AFTER UPDATE ON self_service_resolutions
BEGIN
    INSERT INTO self_service_month_counts VALUES (OLD.resolved_at, OLD.conversation_id, OLD.topic, OLD.article_slug, OLD.rating, -1);
    INSERT INTO self_service_month_counts VALUES (NEW.resolved_at, NEW.conversation_id, NEW.topic, NEW.article_slug, NEW.rating, 1);
END;

INSERT INTO self_service_months (month, channel, topic, article_slug, rating, resolutions)
SELECT substr(r.resolved_at, 1, 7) || '-01 00:00:00+00:00', COALESCE(c.channel, ''), r.topic, r.article_slug, COALESCE(r.rating, 0), COUNT(*)
FROM self_service_resolutions r LEFT JOIN conversations c ON c.id = r.conversation_id
GROUP BY 1, 2, r.topic, r.article_slug, 5;
