-- The patient an audit row is about, when the row names one (a verification's or a model-based dose's run rows), so that the
-- trail can list a patient's runs: GET /api/audit?patientId=. Not a foreign key: the trail outlives a deleted patient. NULL for
-- rows about no patient and for every row written before this migration (their hash never covered it, so none is filled in
-- afterwards: find them by entity and id). A row's hash covers its patient whenever it has one (AuditEvent.canonical).
ALTER TABLE audit_event ADD COLUMN patient_id BIGINT;
CREATE INDEX audit_event_patient ON audit_event(patient_id, seq);
