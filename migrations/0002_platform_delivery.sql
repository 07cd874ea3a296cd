-- What platform delivery needs to resume multi-step work after a crash and to edit what
-- it posted earlier.

-- Steps of an outbox item already done (JSON, written by the deliverer after each step),
-- so a restart continues an item instead of repeating it.
ALTER TABLE outbox ADD COLUMN progress TEXT NOT NULL DEFAULT '{}';

-- Messages the bot posted and must find again: the pinned summary it keeps current.
CREATE TABLE message_refs (
    incident_id  INTEGER NOT NULL REFERENCES incidents(id),
    purpose      TEXT    NOT NULL,
    conversation TEXT    NOT NULL,
    ref          TEXT    NOT NULL,
    PRIMARY KEY (incident_id, purpose)
);
