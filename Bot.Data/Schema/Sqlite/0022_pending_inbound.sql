-- Texts stored by a webhook and not yet answered, for the inbox (MessageStore.PendingInboundAsync), in the order they
-- arrived: only those are in this index, so a poll reads the few waiting rather than every text the channel ever had.
CREATE INDEX ix_messages_pending_inbound ON messages (channel, id) WHERE direction = 'in' AND processed_at IS NULL;
