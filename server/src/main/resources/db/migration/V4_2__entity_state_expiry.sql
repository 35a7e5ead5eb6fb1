-- Pruning of entity_state (docs/server.md, "Entity feature state"). last_event_at is the event
-- time of the entity's latest event (the state's own clock), expires_at that time plus the
-- feature plan's entity_ttl: an event later than expires_at starts the entity afresh, so a row is
-- deleted once the plan's newest event (less the allowed lateness) has passed its expires_at.
-- Rows written before this migration have NULL here and are kept until their entity moves again.
-- Same script for H2 and PostgreSQL.
ALTER TABLE entity_state ADD COLUMN last_event_at BIGINT;
ALTER TABLE entity_state ADD COLUMN expires_at BIGINT;
CREATE INDEX entity_state_last_event ON entity_state (source, plan_id, last_event_at);
CREATE INDEX entity_state_expires ON entity_state (source, plan_id, expires_at);
