-- One model per source (docs/server.md#sources): each promotion, model and event names its
-- source; existing rows belong to the default source 'api'. Same script for H2 and PostgreSQL.
ALTER TABLE promotions ADD COLUMN source VARCHAR(200) DEFAULT 'api' NOT NULL;
ALTER TABLE models ADD COLUMN source VARCHAR(200) DEFAULT 'api' NOT NULL;
ALTER TABLE events ADD COLUMN source VARCHAR(200) DEFAULT 'api' NOT NULL;
CREATE INDEX promotions_source ON promotions (source, seq);
CREATE INDEX events_source_received ON events (source, received_at);

-- Each entity's point-in-time feature state (features' EntityStateCodec.encodeEntity), written in
-- the transaction of the events that moved it, so that a restart continues exactly where the last
-- committed request left it. Keyed by source, feature plan (SHA-256 of its spec) and entity.
CREATE TABLE entity_state (
    source     VARCHAR(200) NOT NULL,
    plan_id    VARCHAR(64)  NOT NULL,
    entity     VARCHAR(500) NOT NULL,
    updated_at BIGINT       NOT NULL,
    state      BYTEA        NOT NULL,
    PRIMARY KEY (source, plan_id, entity)
);
