-- The audit rows that name the patient or the record a record belongs to (a CREATE row's patient_id of an implant, visit,
-- lesion, hyperthermia session, adverse event or progression; a study value's patient, lesion or visit), so that
-- AuditTrail.ofPatient finds the rows of a record since deleted by an index lookup instead of reading every audit row of its
-- entity. Partial: only rows of those fields are indexed (their values are ids, short), never the free text of other fields
-- (a reason, an intent, a diagnosis), and the other rows cost the index nothing. The predicate is written as ORed equalities so
-- that SQLite, too, uses the index for a query naming one of the fields (its partial-index rule: a query term equal to one of
-- the ORed terms); PostgreSQL proves the same. entity_id last: the lookup reads the index alone.
CREATE INDEX audit_event_record_of ON audit_event(entity, field, new_value, entity_id)
    WHERE field = 'patient_id' OR field = 'patient' OR field = 'lesion' OR field = 'visit';
-- A patient's DICOM series are found through their study, and its structure sets by the patient (AuditTrail.ofPatient, the
-- patient page's studies): by index, not by reading every series or set.
CREATE INDEX dicom_series_study ON dicom_series(study_id);
CREATE INDEX structure_set_patient ON structure_set(patient_id);
