-- The public status page: what customers see of an incident, and nothing else.
--
-- public_faces holds an incident's public face (its public id, public title, public
-- status, the components it hits and when customers must next hear from us); an incident
-- is on the page once its status is set by the first published update. public_updates
-- keeps every published update (with when it was due, for external cadence adherence),
-- and publish_drafts the previews that wait for Publish, Edit or Cancel.
-- status_page_revision moves with every change to these tables, in the same transaction,
-- so the page is rebuilt once per change and never on a commit that did not touch it.

CREATE TABLE public_faces (
    incident_id     INTEGER PRIMARY KEY REFERENCES incidents(id),
    public_id       TEXT    NOT NULL UNIQUE,
    title           TEXT    NOT NULL DEFAULT '',
    status          TEXT,
    affects         TEXT    NOT NULL DEFAULT '',
    next_update_due INTEGER,
    created_at INTEGER    NOT NULL,
    updated_at INTEGER    NOT NULL,
    monitoring_at INTEGER,
    resolved_at INTEGER
);

CREATE TABLE public_updates (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    status      TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    author      TEXT    NOT NULL,
    posted_at INTEGER    NOT NULL,
    due_at INTEGER
);
CREATE INDEX public_updates_by_incident ON public_updates(incident_id, id);

CREATE TABLE publish_drafts (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    status      TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    author      TEXT    NOT NULL,
    created_at INTEGER    NOT NULL,
    open        INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE status_page_revision (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL
);
INSERT INTO status_page_revision(id, revision) VALUES (1, 0);
