-- The structure (ROI name) an implant's post-operative metrics (post_d90_gy … post_ptv_cc) are of, as saved from the
-- verification. Rows stored before this migration keep NULL: their structure was not recorded, and the screens say so.
ALTER TABLE implant ADD COLUMN post_metrics_structure TEXT;
