-- The technician who took a conversation over: while set, the bot stays quiet and the technician answers.
ALTER TABLE conversations ADD COLUMN human_agent TEXT NULL;
