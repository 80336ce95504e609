-- A patient's DICOM instances are found through their series (AuditTrail.ofPatient lists the instances' audit rows) and a
-- series' images are counted per series (the patient page's studies): by index, not by reading every instance.
CREATE INDEX dicom_instance_series ON dicom_instance(series_id);
