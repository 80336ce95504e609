-- The structure (ROI name) an implant's planned metrics (planned_d90_gy … planned_ptv_cc) are of. Rows stored before this
-- migration keep NULL: their structure was not recorded, and the screens and exports say so rather than guess it.
ALTER TABLE implant ADD COLUMN planned_metrics_structure TEXT;
