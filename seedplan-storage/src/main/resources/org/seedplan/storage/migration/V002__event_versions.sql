-- Adverse events and progressions get a version for optimistic locking, like every other editable record.
ALTER TABLE adverse_event ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE progression ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
CREATE INDEX adverse_event_patient ON adverse_event(patient_id);
CREATE INDEX progression_patient ON progression(patient_id);
CREATE INDEX implant_patient ON implant(patient_id);
CREATE INDEX lesion_patient ON lesion(patient_id);
CREATE INDEX dicom_study_patient ON dicom_study(patient_id);
CREATE INDEX plan_patient ON plan(patient_id);
