-- The structure (ROI name) a plan revision's stored metrics (d90_gy … ptv_cc) were computed for. Rows stored before this
-- migration keep NULL: their structure was not recorded, and the screens say so rather than guess it from the intent.
ALTER TABLE plan_revision ADD COLUMN metrics_structure TEXT;
