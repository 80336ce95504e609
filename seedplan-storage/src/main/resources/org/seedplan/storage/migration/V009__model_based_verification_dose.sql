-- The model-based dose (TG-186, issue 17) computed in the workstation for one post-implant verification: the comparison
-- with the verification's TG-43 dose as the JSON the verification screen draws. A verification is not stored itself, so
-- the row is keyed by what makes it this verification (plan revision, post-op CT, registration, contours: verification_key)
-- and by the found seeds it was computed for (found_seeds_key), both SHA-256 hex; a recomputation replaces the row (the
-- audit trail keeps every run).
CREATE TABLE model_based_verification_dose (
    verification_key TEXT NOT NULL,
    found_seeds_key TEXT NOT NULL,
    revision_id BIGINT NOT NULL REFERENCES plan_revision(id),
    post_op_series_uid TEXT NOT NULL,
    seed_count INTEGER NOT NULL,
    specification TEXT NOT NULL,
    photons BIGINT NOT NULL,
    result_json TEXT NOT NULL,
    computed_by TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    PRIMARY KEY (verification_key, found_seeds_key)
);
