package org.seedplan.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seedplan.cases.PatientCase;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dicom.DicomExport;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.PlanSet;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.rtdose.RtDoseWriter;
import org.seedplan.dicom.rtplan.SeedSourceInfo;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.io.OutputFolder;
import org.seedplan.planning.Plan;
import org.seedplan.planning.PlannedNeedle;
import org.seedplan.source.SourceModel;

/**
 * Writes the demo plan as a DICOM RT study into one folder: the CT, RTSTRUCT (the planning
 * structures: the GTV, the CTV grown from it as the very contours the plan was made on, the organs
 * of the plan's goals), RTPLAN (each planned needle one
 * channel from its tip, the manufacturer's model name, the demo certificate's calibration and implant
 * dates) and RTDOSE (the plan's own dose on the planning grid); and in {@code postop/} the simulated
 * post-op CT in the plan's Frame of Reference, so that {@code find-seeds} and {@code verify} can be
 * tried on it. Everything is staged and moved into place together.
 */
final class DemoDicom {

    /** The sub-folder holding the simulated post-op CT. */
    static final String POSTOP = "postop";

    private DemoDicom() {
    }

    /** Writes the export; returns a line naming what was written and what the RT Plan states of the seeds. */
    static String write(Path dir, Volume ct, Volume postOpCt, PatientCase c, Plan plan, SourceModel source, String targetName) {
        List<List<Seed>> needles = new ArrayList<>();
        List<Vec3> tips = new ArrayList<>();
        for (PlannedNeedle n : plan.needles()) {
            List<Seed> seeds = n.seeds(plan.intent().seed().skU());
            if (!seeds.isEmpty()) {
                needles.add(seeds);
                tips.add(n.needle().tipMm());
            }
        }
        SeedSourceInfo info = DemoCertificate.sourceInfo(source, c.halfLifeDays());
        PatientInfo patient = new PatientInfo(DemoPatient.NAME, DemoPatient.ID, DemoPatient.BIRTH_DATE, DemoPatient.SEX);
        try (OutputFolder folder = OutputFolder.open(dir)) {
            Path planDir = folder.staging().resolve("plan-set");
            DicomExport.writePlanSet(planDir, new PlanSet(patient, ct, c.structures(), needles, tips, info, c.prescriptionGy(),
                    targetName, plan.dose()), RtDoseWriter.Bits.THIRTY_TWO);
            moveChildren(planDir, folder.staging());
            CtSeries written = CtSeriesReader.read(folder.staging());
            StudyContext postOpStudy = new StudyContext(written.patient(), Uids.newUid(), written.frameOfReferenceUid(),
                    LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
            var slices = CtSeriesWriter.slices(postOpCt, postOpStudy, Uids.newUid());
            for (int k = 0; k < slices.size(); k++) {
                Files.write(folder.file(String.format(Locale.ROOT, "%s/CT.%04d.dcm", POSTOP, k + 1)), DicomWriter.encode(slices.get(k)));
            }
            folder.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": DICOM export failed, nothing written (" + e.getMessage() + ")", e);
        }
        double skU = plan.intent().seed().skU();
        return String.format(Locale.ROOT, "DICOM written to %s: CT, RS.dcm, RP.dcm, RD.dcm and the simulated post-op CT in %s/;"
                        + " RP states %s %s %s, S_K %.4f U at calibration %s and %.4f U at implant %s (T½ %.2f d)", dir, POSTOP,
                info.isotope(), info.manufacturer(), info.modelId(), info.atCalibrationU(skU), DemoCertificate.CALIBRATION.toString().replace('T', ' '),
                skU, DemoCertificate.IMPLANT.toString().replace('T', ' '), info.halfLifeDays());
    }

    private static void moveChildren(Path from, Path to) throws IOException {
        try (var files = Files.list(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.move(p, to.resolve(p.getFileName()));
            }
        }
        Files.delete(from);
    }
}
