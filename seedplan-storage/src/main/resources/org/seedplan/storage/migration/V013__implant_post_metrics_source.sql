-- Where an implant's post-operative metrics came from when the verification screen saved them ("Save to implant"): the
-- verification run's id, the dose engine (TG-43, or the model-based Dm,m / Dw,m the user chose) and when the run finished.
-- NULL when the figures were typed in (or stored before this migration): the screens then say "entered by hand".
ALTER TABLE implant ADD COLUMN post_metrics_run_id TEXT;
ALTER TABLE implant ADD COLUMN post_metrics_engine TEXT;
ALTER TABLE implant ADD COLUMN post_metrics_run_at TEXT;
