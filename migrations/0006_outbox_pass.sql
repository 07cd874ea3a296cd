-- What the outbox worker may start next, found without reading every lane.
--
-- Under a backlog (a burst of declares, a platform outage) thousands of lanes wait. The
-- worker used to read every lane's head, sorted by id, after each commit and each finished
-- delivery, to start the one or two items its free slots allowed. It now reads the oldest
-- heads a page at a time and stops once its slots are full; time-critical items (a form
-- whose trigger lives 3 s, a private reply) are found on their own, wherever their lane is.

-- The lanes in the order their heads were queued: a page of the oldest is an index range.
CREATE INDEX outbox_lanes_by_head ON outbox_lanes(platform, head_id);

-- The pending urgent items. Partial: an ordinary post never adds an entry.
CREATE INDEX outbox_pending_urgent ON outbox(platform, id)
    WHERE urgent = 1 AND delivered_at IS NULL AND failed_at IS NULL;
