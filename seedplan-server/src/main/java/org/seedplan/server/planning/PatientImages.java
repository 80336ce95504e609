package org.seedplan.server.planning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.rtstruct.RtStructReader;
import org.seedplan.dicom.rtstruct.RtStructureSet;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.StudyInfo;
import org.seedplan.structure.Structure;

/**
 * The images a plan is made on, read from a patient's stored DICOM: the newest RT Structure Set and the
 * CT series it was drawn on (the one sharing its frame of reference when the set does not name it).
 *
 * @param ctSeriesUid Series Instance UID of the planning CT
 */
public record PatientImages(String ctSeriesUid, CtSeries ct, RtStructureSet structureSet) {

    /** The structures with closed contours. */
    public List<Structure> structures() {
        return structureSet.structures();
    }

    /** Finds and reads the planning images of patient {@code patientDbId}; an exception names what is missing. */
    public static PatientImages of(DicomStore store, long patientDbId) {
        List<StudyInfo> studies = store.studies(patientDbId);
        List<StudyInfo.SeriesInfo> structureSets = new ArrayList<>();
        List<StudyInfo.SeriesInfo> cts = new ArrayList<>();
        for (StudyInfo st : studies) {
            for (StudyInfo.SeriesInfo s : st.series()) {
                if ("RTSTRUCT".equals(s.modality())) {
                    structureSets.add(s);
                } else if ("CT".equals(s.modality())) {
                    cts.add(s);
                }
            }
        }
        if (structureSets.isEmpty()) {
            throw new IllegalArgumentException("patient " + patientDbId + " has no RT Structure Set: upload or draw the target and organ contours first");
        }
        StudyInfo.SeriesInfo rsSeries = structureSets.stream().max(Comparator.comparingLong(StudyInfo.SeriesInfo::id)).orElseThrow();
        List<Path> rsFiles = store.seriesFiles(rsSeries.seriesInstanceUid());
        RtStructureSet rs = RtStructReader.read(rsFiles.get(rsFiles.size() - 1));
        String ctUid = rs.referencedSeriesUid() != null && !rs.referencedSeriesUid().isBlank() ? rs.referencedSeriesUid()
                : cts.stream().filter(s -> rs.frameOfReferenceUid() != null && rs.frameOfReferenceUid().equals(s.frameOfReferenceUid()))
                        .map(StudyInfo.SeriesInfo::seriesInstanceUid).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("patient " + patientDbId + ": no stored CT series shares the frame of reference of"
                                + " the structure set " + rs.sopInstanceUid() + ": upload the planning CT"));
        List<DataSet> slices = new ArrayList<>();
        for (Path f : store.seriesFiles(ctUid)) {
            slices.add(DicomReader.read(f).dataSet());
        }
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("patient " + patientDbId + ": the CT series " + ctUid + " the structure set was drawn on is not stored:"
                    + " upload it");
        }
        CtSeries ct = CtSeriesReader.fromDataSets("series " + ctUid, slices);
        return new PatientImages(ctUid, ct, rs);
    }
}
