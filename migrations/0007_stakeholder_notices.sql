-- Who was told of an incident, found without reading its whole timeline.
--
-- Every status update goes to the stakeholders told of the incident so far, which the
-- timeline's stakeholders_notified events record. Reading the whole timeline to find them
-- made each update cost more as the incident went on: over half of the request thread
-- in a real incident's mix, with a few hundred notes per incident. Partial: no other
-- event adds an entry.
CREATE INDEX timeline_stakeholder_notices ON timeline_events(incident_id, id)
    WHERE kind = 'stakeholders_notified';
