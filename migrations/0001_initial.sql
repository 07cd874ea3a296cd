-- The first schema: incidents and everything recorded about them, reminders, the
-- outbox of messages still to deliver, and the platform dedupe keys.
-- Times are UTC seconds since the epoch; dates are 'YYYY-MM-DD'.

CREATE TABLE incidents (
    id                INTEGER PRIMARY KEY,
    name              TEXT    NOT NULL UNIQUE,
    title             TEXT    NOT NULL,
    severity          TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    ic                TEXT,
    ic_since          INTEGER,
    tl                TEXT,
    tl_since          INTEGER,
    comms             TEXT,
    comms_since       INTEGER,
    what_broken       TEXT    NOT NULL DEFAULT '',
    who_affected      TEXT    NOT NULL DEFAULT '',
    impact_started_at INTEGER,
    recent_changes    TEXT    NOT NULL DEFAULT '',
    service           TEXT    NOT NULL DEFAULT '',
    is_private        INTEGER NOT NULL DEFAULT 0,
    is_drill          INTEGER NOT NULL DEFAULT 0,
    declared_by       TEXT    NOT NULL,
    conversation      TEXT    NOT NULL DEFAULT '',
    declared_at       INTEGER NOT NULL,
    acknowledged_at   INTEGER,
    mitigated_at      INTEGER,
    resolved_at       INTEGER,
    closed_at         INTEGER,
    canceled_at       INTEGER,
    last_update_at    INTEGER,
    next_update_due   INTEGER
);
CREATE UNIQUE INDEX incidents_by_conversation ON incidents(conversation) WHERE conversation <> '';
CREATE INDEX incidents_by_status ON incidents(status);

-- Append-only: rows are never changed or removed.
CREATE TABLE timeline_events (
    id           INTEGER PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incidents(id),
    at           INTEGER NOT NULL,
    actor        TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    text         TEXT    NOT NULL,
    before_value TEXT    NOT NULL DEFAULT '',
    after_value  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX timeline_by_incident ON timeline_events(incident_id, at, id);
CREATE TRIGGER timeline_events_no_update BEFORE UPDATE ON timeline_events
BEGIN SELECT RAISE(ABORT, 'the timeline is append-only'); END;
CREATE TRIGGER timeline_events_no_delete BEFORE DELETE ON timeline_events
BEGIN SELECT RAISE(ABORT, 'the timeline is append-only'); END;

CREATE TABLE status_updates (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    kind        TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    author      TEXT    NOT NULL,
    posted_at   INTEGER NOT NULL,
    due_at      INTEGER
);
CREATE INDEX status_updates_by_incident ON status_updates(incident_id, posted_at);

CREATE TABLE decisions (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    number      INTEGER NOT NULL,
    text        TEXT    NOT NULL,
    proposed_by TEXT    NOT NULL,
    proposed_at INTEGER NOT NULL,
    ic_ack      TEXT,
    tl_ack      TEXT,
    state       TEXT    NOT NULL,
    recorded_at INTEGER,
    UNIQUE (incident_id, number)
);

CREATE TABLE action_items (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    number      INTEGER NOT NULL,
    text        TEXT    NOT NULL,
    owner       TEXT    NOT NULL,
    due         TEXT    NOT NULL,
    priority    TEXT    NOT NULL,
    verify      TEXT    NOT NULL DEFAULT '',
    state       TEXT    NOT NULL,
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (incident_id, number)
);

-- One row per (incident, kind): re-timing a reminder moves its due_at and clears fired_at.
CREATE TABLE reminders (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    kind        TEXT    NOT NULL,
    due_at      INTEGER NOT NULL,
    fired_at    INTEGER,
    UNIQUE (incident_id, kind)
);
CREATE INDEX reminders_pending ON reminders(due_at) WHERE fired_at IS NULL;

-- Messages to deliver after the commit, in id order per conversation.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    incident_id     INTEGER REFERENCES incidents(id),
    conversation    TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    delivered_at    INTEGER,
    failed_at       INTEGER,
    last_error      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending ON outbox(next_attempt_at, id)
    WHERE delivered_at IS NULL AND failed_at IS NULL;

-- Keys of platform requests already handled (Slack event_id, action ts, trigger_id, ...).
CREATE TABLE dedupe_keys (
    key        TEXT    PRIMARY KEY,
    seen_at    INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX dedupe_keys_by_expiry ON dedupe_keys(expires_at);
