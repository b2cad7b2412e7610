-- Self-service resolutions per UTC month, channel, topic, article and rating (0: not rated), kept by a trigger in the
-- transaction that writes, rates or removes a resolution, for the self-service reports (SelfServiceInsights): a year
-- is a few thousand rows rather than every resolution. A report adds up the whole UTC months inside its range from
-- here and reads the resolutions at its two ends, so any range is exact in any time zone.
CREATE TABLE self_service_months (
    month        TIMESTAMPTZ NOT NULL,
    channel      TEXT NOT NULL,
    topic        TEXT NOT NULL,
    article_slug TEXT NOT NULL,
    rating       INTEGER NOT NULL,
    resolutions  BIGINT NOT NULL,
    PRIMARY KEY (month, channel, topic, article_slug, rating)
);

CREATE FUNCTION self_service_month_counted(resolution self_service_resolutions, delta INTEGER) RETURNS void LANGUAGE sql AS $$
    INSERT INTO self_service_months (month, channel, topic, article_slug, rating, resolutions)
    VALUES (date_trunc('month', resolution.resolved_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
            COALESCE((SELECT channel FROM conversations WHERE id = resolution.conversation_id), ''),
            resolution.topic, resolution.article_slug, COALESCE(resolution.rating, 0), delta)
    ON CONFLICT (month, channel, topic, article_slug, rating) DO UPDATE SET resolutions = self_service_months.resolutions + excluded.resolutions;
$$;

-- A rating (or any other change) moves the resolution from its old row to its new one.
CREATE FUNCTION self_service_months_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM self_service_month_counted(OLD, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM self_service_month_counted(NEW, 1);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER tr_self_service_months AFTER INSERT OR UPDATE OR DELETE ON self_service_resolutions
FOR EACH ROW EXECUTE FUNCTION self_service_months_kept();

INSERT INTO self_service_months (month, channel, topic, article_slug, rating, resolutions)
SELECT date_trunc('month', r.resolved_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', COALESCE(c.channel, ''), r.topic, r.article_slug, COALESCE(r.rating, 0), COUNT(*)
FROM self_service_resolutions r LEFT JOIN conversations c ON c.id = r.conversation_id
GROUP BY 1, 2, r.topic, r.article_slug, 5;
