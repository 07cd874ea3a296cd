-- The rest of the playbook (issue #17): an incident's video bridge, whether a decision
-- can be undone, the parallel workstreams, and the live checklist's ticks.

ALTER TABLE incidents ADD COLUMN bridge_url TEXT NOT NULL DEFAULT '';

-- '' (not said), 'reversible' or 'irreversible'.
ALTER TABLE decisions ADD COLUMN reversibility TEXT NOT NULL DEFAULT '';

-- One row per (incident, workstream name); its state moves active/blocked/done.
CREATE TABLE workstreams (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    name        TEXT    NOT NULL,
    owner       TEXT    NOT NULL,
    what        TEXT    NOT NULL DEFAULT '',
    state       TEXT    NOT NULL,
    note        TEXT    NOT NULL DEFAULT '',
    started_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (incident_id, name)
);

-- A checklist item, once ticked, stays ticked; `ticked_by` is '' when it ticked itself.
-- The id orders the ticks as they happened.
CREATE TABLE checklist_ticks (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    item        TEXT    NOT NULL,
    ticked_at   INTEGER NOT NULL,
    ticked_by   TEXT    NOT NULL DEFAULT '',
    UNIQUE (incident_id, item)
);
