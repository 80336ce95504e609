-- seedplan registry, version 1: centres, accounts, rights history, sessions, patients and their clinical record,
-- DICOM index, plans, implants, hyperthermia, follow-up, audit trail.
-- One file for SQLite and PostgreSQL. The runner replaces ${id} by the dialect's generated integer primary key
-- and ${date} by the calendar-date type (PostgreSQL DATE, SQLite TEXT yyyy-MM-dd).
-- Instants are TEXT in ISO-8601 UTC with milliseconds (2026-12-03T12:55:00.000Z): they sort as text on both.

CREATE TABLE centre (
    id ${id},
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE app_user (
    id ${id},
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    must_change_password BOOLEAN NOT NULL,
    active BOOLEAN NOT NULL,
    created_at TEXT NOT NULL,
    version BIGINT NOT NULL
);

CREATE TABLE user_role (
    id ${id},
    user_id BIGINT NOT NULL REFERENCES app_user(id),
    centre_id BIGINT NOT NULL REFERENCES centre(id),
    role TEXT NOT NULL CHECK (role IN ('ADMINISTRATOR', 'PHYSICIAN', 'PHYSICIST', 'DATA_ENTRY', 'MONITOR', 'STATISTICIAN')),
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    granted_by BIGINT REFERENCES app_user(id),
    reason TEXT NOT NULL,
    revoked_by BIGINT REFERENCES app_user(id),
    revoke_reason TEXT
);
CREATE INDEX user_role_user ON user_role(user_id);
CREATE INDEX user_role_centre ON user_role(centre_id);

CREATE TABLE web_session (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES app_user(id),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    csrf_token TEXT NOT NULL
);
CREATE INDEX web_session_user ON web_session(user_id);

CREATE TABLE patient (
    id ${id},
    centre_id BIGINT NOT NULL REFERENCES centre(id),
    patient_id TEXT NOT NULL,
    family_name TEXT,
    given_name TEXT,
    sex TEXT CHECK (sex IN ('M', 'F', 'O')),
    birth_date ${date},
    diagnosis TEXT,
    stage TEXT,
    tnm_t TEXT,
    tnm_n TEXT,
    tnm_m TEXT,
    cnlc_stage TEXT,
    bclc_stage TEXT,
    child_pugh TEXT,
    kps INTEGER,
    ecog INTEGER,
    prior_treatments TEXT,
    death_date ${date},
    version BIGINT NOT NULL,
    UNIQUE (centre_id, patient_id)
);

CREATE TABLE lesion (
    id ${id},
    patient_id BIGINT NOT NULL REFERENCES patient(id),
    label TEXT NOT NULL,
    organ TEXT,
    site TEXT,
    nodal BOOLEAN NOT NULL,
    target BOOLEAN NOT NULL,
    baseline_longest_mm DOUBLE PRECISION,
    baseline_short_axis_mm DOUBLE PRECISION,
    baseline_viable_mm DOUBLE PRECISION,
    version BIGINT NOT NULL,
    UNIQUE (patient_id, label)
);

CREATE TABLE dicom_study (
    id ${id},
    patient_id BIGINT NOT NULL REFERENCES patient(id),
    study_instance_uid TEXT NOT NULL UNIQUE,
    study_date ${date},
    description TEXT
);

CREATE TABLE dicom_series (
    id ${id},
    study_id BIGINT NOT NULL REFERENCES dicom_study(id),
    series_instance_uid TEXT NOT NULL UNIQUE,
    modality TEXT NOT NULL,
    series_number INTEGER,
    description TEXT,
    frame_of_reference_uid TEXT
);

CREATE TABLE dicom_instance (
    id ${id},
    series_id BIGINT NOT NULL REFERENCES dicom_series(id),
    sop_instance_uid TEXT NOT NULL UNIQUE,
    sop_class_uid TEXT NOT NULL,
    instance_number INTEGER,
    file_path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    stored_at TEXT NOT NULL
);

CREATE TABLE plan (
    id ${id},
    patient_id BIGINT NOT NULL REFERENCES patient(id),
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    version BIGINT NOT NULL
);

CREATE TABLE plan_revision (
    id ${id},
    plan_id BIGINT NOT NULL REFERENCES plan(id),
    revision INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('DRAFT', 'APPROVED', 'LOCKED', 'RETIRED')),
    intent_json TEXT,
    ct_series_uid TEXT,
    prescription_gy DOUBLE PRECISION,
    source_model_key TEXT,
    strength_u DOUBLE PRECISION,
    calibration_date ${date},
    implant_date ${date},
    d90_gy DOUBLE PRECISION,
    d100_gy DOUBLE PRECISION,
    v100_percent DOUBLE PRECISION,
    v150_percent DOUBLE PRECISION,
    v200_percent DOUBLE PRECISION,
    ptv_cc DOUBLE PRECISION,
    seed_count INTEGER NOT NULL,
    needle_count INTEGER NOT NULL,
    created_by BIGINT REFERENCES app_user(id),
    created_at TEXT NOT NULL,
    approved_by BIGINT REFERENCES app_user(id),
    approved_by_name TEXT,
    approved_at TEXT,
    signature_meaning TEXT,
    checksum TEXT NOT NULL,
    version BIGINT NOT NULL,
    UNIQUE (plan_id, revision)
);

CREATE TABLE plan_needle (
    revision_id BIGINT NOT NULL REFERENCES plan_revision(id),
    needle_index INTEGER NOT NULL,
    entry_x_mm DOUBLE PRECISION NOT NULL,
    entry_y_mm DOUBLE PRECISION NOT NULL,
    entry_z_mm DOUBLE PRECISION NOT NULL,
    tip_x_mm DOUBLE PRECISION NOT NULL,
    tip_y_mm DOUBLE PRECISION NOT NULL,
    tip_z_mm DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (revision_id, needle_index)
);

CREATE TABLE plan_seed (
    revision_id BIGINT NOT NULL REFERENCES plan_revision(id),
    seed_index INTEGER NOT NULL,
    needle_index INTEGER,
    x_mm DOUBLE PRECISION NOT NULL,
    y_mm DOUBLE PRECISION NOT NULL,
    z_mm DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (revision_id, seed_index)
);

CREATE TABLE implant (
    id ${id},
    patient_id BIGINT NOT NULL REFERENCES patient(id),
    plan_revision_id BIGINT REFERENCES plan_revision(id),
    implant_date ${date} NOT NULL,
    age_years DOUBLE PRECISION,
    hyperthermia BOOLEAN,
    baseline_tumour_marker DOUBLE PRECISION,
    seed_activity_mci DOUBLE PRECISION,
    seed_count INTEGER,
    planned_d90_gy DOUBLE PRECISION,
    planned_d100_gy DOUBLE PRECISION,
    planned_v100_percent DOUBLE PRECISION,
    planned_v150_percent DOUBLE PRECISION,
    planned_hi DOUBLE PRECISION,
    planned_seed_count INTEGER,
    planned_ptv_cc DOUBLE PRECISION,
    postop_study_uid TEXT,
    post_d90_gy DOUBLE PRECISION,
    post_d100_gy DOUBLE PRECISION,
    post_v100_percent DOUBLE PRECISION,
    post_v150_percent DOUBLE PRECISION,
    post_hi DOUBLE PRECISION,
    post_seed_count INTEGER,
    post_ptv_cc DOUBLE PRECISION,
    version BIGINT NOT NULL
);

CREATE TABLE hyperthermia_session (
    id ${id},
    patient_id BIGINT NOT NULL REFERENCES patient(id),
    session_number INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    UNIQUE (patient_id, session_number)
);

CREATE TABLE hyperthermia_sample (
    session_id BIGINT NOT NULL REFERENCES hyperthermia_session(id),
    time_min DOUBLE PRECISION NOT NULL,
    channel INTEGER NOT NULL,
    temp_c DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (session_id, time_min, channel)
);

CREATE TABLE visit (
    id ${id},
    patient_id BIGINT NOT NULL REFERENCES patient(id),
    visit_date ${date} NOT NULL,
    months_since_implant DOUBLE PRECISION,
    nrs_pain INTEGER,
    kps INTEGER,
    new_lesion BOOLEAN,
    non_target TEXT CHECK (non_target IN ('CR', 'NON_CR_NON_PD', 'PD', 'NE')),
    version BIGINT NOT NULL
);
CREATE INDEX visit_patient ON visit(patient_id);

CREATE TABLE lesion_measurement (
    visit_id BIGINT NOT NULL REFERENCES visit(id),
    lesion_id BIGINT NOT NULL REFERENCES lesion(id),
    longest_mm DOUBLE PRECISION,
    short_axis_mm DOUBLE PRECISION,
    viable_mm DOUBLE PRECISION,
    PRIMARY KEY (visit_id, lesion_id)
);

CREATE TABLE qlq_c30_item (
    visit_id BIGINT NOT NULL REFERENCES visit(id),
    item INTEGER NOT NULL CHECK (item BETWEEN 1 AND 30),
    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 7),
    PRIMARY KEY (visit_id, item)
);

CREATE TABLE lab_value (
    visit_id BIGINT NOT NULL REFERENCES visit(id),
    name TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    unit TEXT NOT NULL,
    PRIMARY KEY (visit_id, name)
);

CREATE TABLE adverse_event (
    id ${id},
    patient_id BIGINT NOT NULL REFERENCES patient(id),
    onset_date ${date},
    term TEXT NOT NULL,
    grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 5),
    scale TEXT NOT NULL CHECK (scale IN ('CTCAE_5', 'RTOG')),
    attribution TEXT
);

CREATE TABLE progression (
    id ${id},
    patient_id BIGINT NOT NULL REFERENCES patient(id),
    progression_date ${date} NOT NULL,
    progression_type TEXT NOT NULL CHECK (progression_type IN ('LOCAL', 'DISTANT'))
);

CREATE TABLE audit_event (
    seq BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    user_id BIGINT,
    username TEXT,
    role TEXT,
    centre_id BIGINT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT,
    field TEXT,
    old_value TEXT,
    new_value TEXT,
    reason TEXT,
    request_id TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_event_entity ON audit_event(entity, entity_id);

-- The head of the hash chain: one row, locked by every append (UPDATE takes the row lock on PostgreSQL;
-- SQLite serialises writers), so that concurrent transactions extend the chain one after the other.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY,
    last_seq BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
