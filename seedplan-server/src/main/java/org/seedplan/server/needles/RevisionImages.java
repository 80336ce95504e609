package org.seedplan.server.needles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.rtstruct.RtStructReader;
import org.seedplan.geometry.Volume;
import org.seedplan.server.api.Json;
import org.seedplan.server.structures.StructureJson;
import org.seedplan.server.structures.StructureSetStore;
import org.seedplan.storage.Database;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.structure.Structure;

/**
 * The images a stored plan revision is re-planned on: its planning CT from the DICOM store and the
 * structures drawn on that CT — the newest saved structure set of the contouring screen, else the newest
 * RTSTRUCT stored in the CT's study (the same choice as the verification screen).
 *
 * @param contours where the structures came from, for the physicist
 */
public record RevisionImages(Volume planningCt, List<Structure> structures, String contours) {

    /** Reads them; IllegalStateException names what is missing (the CT not stored, no structure set). */
    public static RevisionImages of(Database db, DicomStore store, StructureSetStore sets, String ctSeriesUid) {
        if (ctSeriesUid == null || ctSeriesUid.isBlank()) {
            throw new IllegalStateException("the revision names no planning CT: plan it in the plan screen first");
        }
        List<DataSet> slices = new ArrayList<>();
        for (Path f : store.seriesFiles(ctSeriesUid)) {
            slices.add(DicomReader.read(f).dataSet());
        }
        if (slices.isEmpty()) {
            throw new IllegalStateException("the revision's planning CT " + ctSeriesUid + " is not stored: upload it");
        }
        Volume ct = CtSeriesReader.fromDataSets("series " + ctSeriesUid, slices).volume();
        Optional<StructureSetStore.Summary> set = sets.ofSeries(ctSeriesUid).stream().findFirst();
        if (set.isPresent()) {
            StructureSetStore.Summary x = set.get();
            String json = sets.version(x.id(), x.version()).orElseThrow().contentJson();
            try {
                return new RevisionImages(ct, StructureJson.read(Json.MAPPER.readTree(json), "structures"),
                        "structure set " + x.name() + " version " + x.version());
            } catch (IOException e) {
                throw new IllegalStateException("structure set " + x.id() + " holds unreadable JSON", e);
            }
        }
        Optional<String> rs = db.read(tx -> tx.one("SELECT i.file_path FROM dicom_instance i JOIN dicom_series se ON se.id = i.series_id"
                + " JOIN dicom_study st ON st.id = se.study_id JOIN dicom_series ct ON ct.study_id = st.id"
                + " WHERE ct.series_instance_uid = ? AND se.modality = 'RTSTRUCT' ORDER BY i.stored_at DESC, i.id DESC LIMIT 1",
                r -> r.string("file_path"), ctSeriesUid));
        if (rs.isEmpty()) {
            throw new IllegalStateException("the planning CT " + ctSeriesUid + " has no structure set and its study no RTSTRUCT: contour the"
                    + " targets on it first (contouring screen)");
        }
        Path file = db.dataFolder().resolve(rs.get());
        try {
            var rtss = RtStructReader.read(DicomReader.parse(Files.readAllBytes(file), file.getFileName().toString()).dataSet());
            return new RevisionImages(ct, rtss.requireUniqueNames().structures(), "RTSTRUCT " + rtss.label());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stored RTSTRUCT " + file, e);
        }
    }
}
