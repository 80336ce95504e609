-- Study variables (issue 13): a centre's research studies, the variables an administrator defines for each (name,
-- label, type, unit and range, category levels, record level, repeated or not), and their values per record.
-- Partial dates keep their precision (YEAR, MONTH, DAY; the date column holds the first day of the period).
CREATE TABLE research_study (
    id ${id},
    centre_id BIGINT NOT NULL REFERENCES centre(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    version BIGINT NOT NULL,
    UNIQUE (centre_id, code)
);

CREATE TABLE study_variable (
    id ${id},
    study_id BIGINT NOT NULL REFERENCES research_study(id),
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    value_type TEXT NOT NULL CHECK (value_type IN ('NUMBER', 'CATEGORY', 'DATE', 'YES_NO')),
    unit TEXT,
    min_value DOUBLE PRECISION,
    max_value DOUBLE PRECISION,
    record_level TEXT NOT NULL CHECK (record_level IN ('PATIENT', 'LESION', 'VISIT')),
    repeated BOOLEAN NOT NULL,
    retired BOOLEAN NOT NULL,
    version BIGINT NOT NULL,
    UNIQUE (study_id, name)
);
CREATE INDEX study_variable_study ON study_variable(study_id);

CREATE TABLE study_variable_level (
    variable_id BIGINT NOT NULL REFERENCES study_variable(id),
    position INTEGER NOT NULL,
    level TEXT NOT NULL,
    PRIMARY KEY (variable_id, position)
);

CREATE TABLE study_value (
    id ${id},
    variable_id BIGINT NOT NULL REFERENCES study_variable(id),
    patient_id BIGINT NOT NULL REFERENCES patient(id),
    record_id BIGINT NOT NULL,
    instance INTEGER NOT NULL CHECK (instance >= 1),
    number_value DOUBLE PRECISION,
    text_value TEXT,
    date_value ${date},
    date_precision TEXT CHECK (date_precision IN ('YEAR', 'MONTH', 'DAY')),
    version BIGINT NOT NULL,
    UNIQUE (variable_id, record_id, instance)
);
CREATE INDEX study_value_patient ON study_value(patient_id);

-- An adverse event's onset may be known to the month or year only.
ALTER TABLE adverse_event ADD COLUMN onset_precision TEXT CHECK (onset_precision IN ('YEAR', 'MONTH', 'DAY'));
-- Hyperthermia sessions become editable records with a version, like the others.
ALTER TABLE hyperthermia_session ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
