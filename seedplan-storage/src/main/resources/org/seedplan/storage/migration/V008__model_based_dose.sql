-- The model-based dose (TG-186, issue 17) computed in the workstation for one plan revision: the comparison with
-- TG-43 and the DVH bands as the JSON the plan screen draws. Keyed by the revision, so a new revision has none;
-- a recomputation replaces the row (the audit trail keeps every run).
CREATE TABLE model_based_dose (
    revision_id BIGINT NOT NULL PRIMARY KEY REFERENCES plan_revision(id),
    specification TEXT NOT NULL,
    photons BIGINT NOT NULL,
    result_json TEXT NOT NULL,
    computed_by TEXT NOT NULL,
    computed_at TEXT NOT NULL
);
