-- The date of a lesion's baseline measurement (the CT or MR its baseline diameters were read on): RECIST 1.1 takes the
-- baseline as close to the treatment as possible and no more than four weeks before it, so the date belongs with the
-- diameters. NULL in rows stored before this migration and in lesions recorded without a measurement.
ALTER TABLE lesion ADD COLUMN baseline_date ${date};
