-- Structure sets drawn in the contouring screen (issue 12): one row per set on a CT series, and one write-once row
-- per saved version with its author and the structures as JSON (docs/viewer.md). A save adds version n + 1 only
-- when the saver had seen version n (optimistic check); earlier versions are kept unchanged.
CREATE TABLE structure_set (
    id                     ${id},
    patient_id             BIGINT NOT NULL REFERENCES patient(id),
    ct_series_uid          TEXT NOT NULL,
    frame_of_reference_uid TEXT NOT NULL,
    name                   TEXT NOT NULL,
    version                BIGINT NOT NULL,
    created_at             TEXT NOT NULL
);
CREATE INDEX structure_set_series ON structure_set (ct_series_uid);

CREATE TABLE structure_set_version (
    id               ${id},
    structure_set_id BIGINT NOT NULL REFERENCES structure_set(id),
    version          BIGINT NOT NULL,
    saved_at         TEXT NOT NULL,
    saved_by_user_id BIGINT,
    saved_by         TEXT NOT NULL,
    source           TEXT NOT NULL,
    content          TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    UNIQUE (structure_set_id, version)
);
