package org.seedplan.server.plans;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.rtplan.NeedleGrouping;
import org.seedplan.dicom.rtplan.RtPlanWriter;
import org.seedplan.dicom.rtplan.SeedModelMatcher;
import org.seedplan.dicom.rtplan.SeedPlanExport;
import org.seedplan.dicom.rtplan.SeedSourceInfo;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;
import org.seedplan.storage.Database;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.PatientData;

/**
 * The brachy RT Plan (PS3.3 A.20) of an approved revision, written by seedplan-dicom's {@link RtPlanWriter}
 * into the study of the CT the plan was made on (same Study Instance UID and Frame of Reference) and
 * referencing that study's stored RT Structure Set. Seeds of one needle lie along the needle
 * (entry → tip) and their positions are given from its tip; seeds without a needle are grouped by
 * {@link NeedleGrouping} (and then no needle tips are written).
 */
public final class RtPlanExport {

    private final Database db;

    public RtPlanExport(Database db) {
        this.db = db;
    }

    /** The Part 10 bytes of the RT Plan; refuses (IllegalStateException) a revision that is not approved or has no stored CT and structure set. */
    public byte[] write(PlanRevisions.Revision r, PatientData patient) {
        if (r.status() != PlanRevisions.Status.APPROVED && r.status() != PlanRevisions.Status.LOCKED) {
            throw new IllegalStateException("revision " + r.revision() + " is " + r.status() + ": only an approved revision is exported for treatment");
        }
        if (!r.intact()) {
            throw new IllegalStateException("revision " + r.revision() + " of plan " + r.planId() + " fails its checksum: the stored plan was altered");
        }
        PlanContent c = r.content();
        String[] study = studyOf(c.ctSeriesUid(), r.patientDbId());
        String rtstruct = db.read(tx -> tx.one("SELECT i.sop_instance_uid FROM dicom_instance i JOIN dicom_series se ON se.id = i.series_id"
                + " JOIN dicom_study st ON st.id = se.study_id WHERE st.study_instance_uid = ? AND se.modality = 'RTSTRUCT' ORDER BY i.stored_at DESC, i.id DESC LIMIT 1",
                x -> x.string("sop_instance_uid"), study[0])).orElseThrow(() -> new IllegalStateException("the CT study of plan " + r.planId()
                        + " has no stored RT Structure Set to reference: upload the structures (RTSTRUCT) of CT series " + c.ctSeriesUid()));
        PatientInfo info = new PatientInfo(dicomName(patient), patient.patientId(),
                patient.birthDate() == null ? "" : patient.birthDate().toString().replace("-", ""), patient.sex() == null ? "" : patient.sex());
        StudyContext ctx = new StudyContext(info, study[0], study[1], LocalDateTime.ofInstant(r.approvedAt(), ZoneOffset.UTC).withNano(0));
        SourceModel model = SourceLibrary.builtIn().model(c.sourceModelKey());
        // PS3.3: Reference Air Kerma Rate is S_K on the Source Strength Reference Date, here the stored strength on its calibration date
        if (c.calibrationDate() == null) {
            throw new IllegalStateException("revision " + r.revision() + " of plan " + r.planId() + " states no calibration date: the RT Plan's"
                    + " Reference Air Kerma Rate needs the date it refers to; make a revision with the seed certificate's calibration and implant dates");
        }
        LocalDate reference = c.calibrationDate();
        // the seed named as the command line's RT Plans name it: the manufacturer, and its model name (Source Model ID "6711")
        SeedSourceInfo source = new SeedSourceInfo("I-125", SeedModelMatcher.manufacturer(model), SeedModelMatcher.manufacturerModelName(model),
                model.halfLifeDays(), model.activeLengthCm() * 10,
                2 * Tg43Kernel.CAPSULE_RADIUS_CM * 10, reference);
        String label = r.planName().length() > 16 ? r.planName().substring(0, 16) : r.planName();
        Map<Integer, List<Seed>> byNeedle = new TreeMap<>();
        List<Seed> loose = new ArrayList<>();
        for (PlanContent.PlannedSeed s : c.seeds()) {
            if (s.needle() >= 0) {
                PlanContent.Needle n = c.needles().get(s.needle());
                byNeedle.computeIfAbsent(s.needle(), k -> new ArrayList<>()).add(new Seed(s.centreMm(), n.tipMm().minus(n.entryMm()), c.strengthU()));
            } else {
                loose.add(new Seed(s.centreMm(), new Vec3(0, 0, 1), c.strengthU()));
            }
        }
        List<List<Seed>> needles = new ArrayList<>(byNeedle.values());
        List<Vec3> tips = new ArrayList<>();
        byNeedle.keySet().forEach(i -> tips.add(c.needles().get(i).tipMm()));
        if (!loose.isEmpty()) {
            needles.addAll(NeedleGrouping.byAxisLine(loose));
            tips.clear();
        }
        // the prescription to the target ROI of the referenced structure set, as the command line's RT Plans state it
        String target = targetName(c.intentJson());
        int roi = target == null || c.prescriptionGy() == null ? -1 : roiNumber(rtstruct, target);
        SeedPlanExport export = roi < 0 ? new SeedPlanExport(label, needles, tips, source, Double.NaN, 0, "")
                : new SeedPlanExport(label, needles, tips, source, c.prescriptionGy(), roi, target);
        return DicomWriter.encode(RtPlanWriter.write(export, ctx, Uids.newUid(), Uids.newUid(), rtstruct));
    }

    /** The structure the revision's prescription is to: the intent's {@code target}, else its first {@code targets[].structure}; null if none. */
    static String targetName(String intentJson) {
        if (intentJson == null) {
            return null;
        }
        try {
            JsonNode intent = new ObjectMapper().readTree(intentJson);
            JsonNode t = intent.hasNonNull("target") ? intent.get("target") : intent.path("targets").path(0).get("structure");
            return t == null || t.isNull() || t.asText().isBlank() ? null : t.asText();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The ROI Number of {@code name} in the stored structure set, or -1 when it has none of that name (a target derived on the server). */
    private int roiNumber(String rtstructSop, String name) {
        Optional<Path> file = DicomStore.open(db).file(rtstructSop);
        if (file.isEmpty()) {
            return -1;
        }
        for (DataSet item : DicomReader.read(file.get()).dataSet().sequence(Tag.STRUCTURE_SET_ROI_SEQUENCE)) {
            if (name.equals(item.string(Tag.ROI_NAME, "")) && item.integer(Tag.ROI_NUMBER).isPresent()) {
                return item.integer(Tag.ROI_NUMBER).getAsInt();
            }
        }
        return -1;
    }

    /** Study Instance UID and Frame of Reference UID of the plan's CT series, which must be the patient's. */
    private String[] studyOf(String seriesUid, long patientDbId) {
        if (seriesUid == null) {
            throw new IllegalStateException("the plan names no CT series: a plan for treatment must be made on a stored CT");
        }
        return db.read(tx -> tx.one("SELECT st.study_instance_uid, se.frame_of_reference_uid FROM dicom_series se JOIN dicom_study st ON st.id = se.study_id"
                + " WHERE se.series_instance_uid = ? AND st.patient_id = ?", x -> new String[] {x.string("study_instance_uid"), x.string("frame_of_reference_uid")},
                seriesUid, patientDbId)).orElseThrow(() -> new IllegalStateException("CT series " + seriesUid + " of the plan is not stored for this patient"));
    }

    private static String dicomName(PatientData p) {
        String family = p.familyName() == null ? "" : p.familyName().toUpperCase(Locale.ROOT);
        String given = p.givenName() == null ? "" : p.givenName();
        return given.isEmpty() ? family : family + "^" + given;
    }
}
