-- Fewer B-trees written per command: a declare wrote eighteen.
--
-- outbox_pending ordered the pending items by their next attempt. Since the outbox worker
-- reads lane heads through outbox_lanes (0006) no query of the service uses it (only the
-- tests' Transaction::deliverable(), which now scans), yet every item paid for
-- it twice: an entry when queued, its removal when delivered. Counting the pending items
-- goes through outbox_pending_by_lane, which has the same condition.
DROP INDEX outbox_pending;

-- dedupe_keys and outbox_lanes are found by their primary keys. As WITHOUT ROWID tables
-- each row lives in its key's B-tree, not in a rowid table and a key index beside it:
-- one B-tree less for every request remembered and every lane opened or advanced.
CREATE TABLE dedupe_keys_clustered (
    platform   TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    seen_at    INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (platform, key)
) WITHOUT ROWID;
INSERT INTO dedupe_keys_clustered(platform, key, seen_at, expires_at)
    SELECT platform, key, seen_at, expires_at FROM dedupe_keys;
DROP TABLE dedupe_keys;
ALTER TABLE dedupe_keys_clustered RENAME TO dedupe_keys;
CREATE INDEX dedupe_keys_by_expiry ON dedupe_keys(expires_at);

CREATE TABLE outbox_lanes_clustered (
    platform TEXT    NOT NULL,
    lane     TEXT    NOT NULL,
    head_id  INTEGER NOT NULL REFERENCES outbox(id),
    PRIMARY KEY (platform, lane)
) WITHOUT ROWID;
INSERT INTO outbox_lanes_clustered(platform, lane, head_id)
    SELECT platform, lane, head_id FROM outbox_lanes;
DROP TABLE outbox_lanes;
ALTER TABLE outbox_lanes_clustered RENAME TO outbox_lanes;
CREATE INDEX outbox_lanes_by_head ON outbox_lanes(platform, head_id);
