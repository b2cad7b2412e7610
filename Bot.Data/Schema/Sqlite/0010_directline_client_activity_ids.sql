-- Web Chat sends a retried post again with the same channelData.clientActivityID: the id of the activity as the
-- client numbered it, kept so that a repeat finds the first row instead of adding another. NULLs never collide, so
-- activities without one (the bot's, the desk's) are unaffected.
ALTER TABLE directline_activities ADD COLUMN client_activity_id TEXT NULL;

CREATE UNIQUE INDEX ix_directline_activities_client_activity ON directline_activities (conversation_id, client_activity_id);
