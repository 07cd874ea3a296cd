-- The platform recorded in the data, and outbox lanes.
--
-- An incident lives on the platform it was declared on, and so do its outbox rows and the
-- dedupe keys of that platform's requests: Slack and Teams can run in one process, and a
-- conversation id means something only on its own platform.
--
-- Outbox lanes make finding the next item to send cost the same with 10 or 100,000 items
-- waiting: outbox_lanes holds, for each lane with pending items, the id of its first
-- pending item, so the worker reads one row per lane instead of grouping the backlog.

ALTER TABLE incidents ADD COLUMN platform TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN platform TEXT NOT NULL DEFAULT '';
-- Items of one lane are delivered in id order; lanes go concurrently.
ALTER TABLE outbox ADD COLUMN lane TEXT NOT NULL DEFAULT '';
-- Time-critical (opening a form for a trigger that lives 3 s, ephemeral replies): set by
-- the enqueuer, read by the worker.
ALTER TABLE outbox ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;

-- Backfill. Before this version a database was used by Slack (when it was on) or by the
-- console, so the data decides:
-- * An incident whose conversation looks like a Slack id (C..., G... or D... followed by
--   upper-case letters and digits only) is 'slack'; a console conversation is a name
--   ('inc-20261122-x', 'general'), so it is 'console'.
-- * An incident with no conversation yet (its creation never went out) is 'slack' when
--   one of its outbox rows has a Slack kind ('slack.*') or targets a Slack-shaped
--   conversation (an announce channel), or when the database holds Slack dedupe keys
--   ('slack:...'): the keys name no incident, but the console attaches a conversation as
--   soon as it declares, so an incident left without one was Slack's. Else 'console'.
-- * An outbox row takes its incident's platform. One with no incident is 'slack' when
--   its kind is 'slack.*' or its conversation is Slack-shaped, 'trigger:...' (a form to
--   open) or 'capture:...' (a message to read back); else 'console'.
-- * A dedupe key is 'slack' when it starts with 'slack:' or 'captured:' (messages the
--   Slack deliverer read into a timeline); else 'console'.
-- No row is left with platform ''.
UPDATE incidents SET platform = CASE
    WHEN conversation GLOB '[CGD][A-Z0-9]*' AND conversation NOT GLOB '*[^A-Z0-9]*'
        THEN 'slack'
    WHEN conversation = '' AND (
            EXISTS (SELECT 1 FROM outbox AS o WHERE o.incident_id = incidents.id AND (
                o.kind LIKE 'slack.%' OR (o.conversation GLOB '[CGD][A-Z0-9]*' AND
                                          o.conversation NOT GLOB '*[^A-Z0-9]*')))
            OR EXISTS (SELECT 1 FROM dedupe_keys WHERE key LIKE 'slack:%'))
        THEN 'slack'
    ELSE 'console'
END;

UPDATE outbox SET platform = CASE
    WHEN incident_id IS NOT NULL
        THEN (SELECT i.platform FROM incidents AS i WHERE i.id = outbox.incident_id)
    WHEN kind LIKE 'slack.%'
        OR (conversation GLOB '[CGD][A-Z0-9]*' AND conversation NOT GLOB '*[^A-Z0-9]*')
        OR conversation LIKE 'trigger:%' OR conversation LIKE 'capture:%'
        THEN 'slack'
    ELSE 'console'
END;

-- The default lane: the item's conversation, or its incident's own while it names none
-- (the conversation may not exist yet: those items queue behind its creation).
UPDATE outbox SET lane = CASE
    WHEN conversation = '' THEN 'incident:' || IFNULL(incident_id, '')
    ELSE 'conversation:' || conversation
END;

-- The Slack adapter's own kinds became the neutral ones the front door writes. A form's
-- trigger lived 3 s, so a pending one can never open now: it is failed. A message still to
-- be read back goes on, in the new payload, in its channel, on a lane of its own.
UPDATE outbox SET failed_at = created_at,
                  last_error = 'views.open: the form''s trigger expired across an upgrade'
    WHERE kind = 'slack.open_view' AND delivered_at IS NULL AND failed_at IS NULL;
UPDATE outbox SET kind = 'open_form' WHERE kind = 'slack.open_view';
UPDATE outbox SET kind = 'capture_message',
                  conversation = IFNULL(json_extract(payload, '$.channel'), ''),
                  lane = 'capture:' || IFNULL(json_extract(payload, '$.channel'), ''),
                  payload = json_object('message_id', IFNULL(json_extract(payload, '$.ts'), ''),
                                        'captured_by',
                                        IFNULL(json_extract(payload, '$.captured_by'), ''))
    WHERE kind = 'slack.capture_message' AND json_valid(payload);

-- A conversation id is unique on its platform only.
DROP INDEX incidents_by_conversation;
CREATE UNIQUE INDEX incidents_by_conversation ON incidents(platform, conversation)
    WHERE conversation <> '';

-- The pending items of a lane in order: what a lane's head advances through. The platform
-- leads so that two platforms' lanes of the same name never share entries.
CREATE INDEX outbox_pending_by_lane ON outbox(platform, lane, id)
    WHERE delivered_at IS NULL AND failed_at IS NULL;

-- One row per lane that has pending items: the id of its first pending item.
CREATE TABLE outbox_lanes (
    platform TEXT    NOT NULL,
    lane     TEXT    NOT NULL,
    head_id  INTEGER NOT NULL REFERENCES outbox(id),
    PRIMARY KEY (platform, lane)
);
INSERT INTO outbox_lanes(platform, lane, head_id)
    SELECT platform, lane, MIN(id) FROM outbox
    WHERE delivered_at IS NULL AND failed_at IS NULL
    GROUP BY platform, lane;

-- Dedupe keys are unique per platform. SQLite cannot change a primary key in place: the
-- table is rebuilt.
CREATE TABLE dedupe_keys_by_platform (
    platform   TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    seen_at    INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (platform, key)
);
INSERT INTO dedupe_keys_by_platform(platform, key, seen_at, expires_at)
    SELECT CASE WHEN key LIKE 'slack:%' OR key LIKE 'captured:%' THEN 'slack' ELSE 'console' END,
           key, seen_at, expires_at
    FROM dedupe_keys;
DROP TABLE dedupe_keys;
ALTER TABLE dedupe_keys_by_platform RENAME TO dedupe_keys;
CREATE INDEX dedupe_keys_by_expiry ON dedupe_keys(expires_at);
