-- Patient search text: patient ID, family and given name, lower-cased by seedplan (Java, Locale.ROOT) because
-- SQLite's LOWER() folds ASCII letters only; kept up to date by PatientRepository and the cohort importer.
ALTER TABLE patient ADD COLUMN search_text TEXT;
UPDATE patient SET search_text = LOWER(patient_id || ' ' || COALESCE(family_name, '') || ' ' || COALESCE(given_name, ''));
