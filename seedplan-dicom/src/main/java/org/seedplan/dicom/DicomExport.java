package org.seedplan.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.seedplan.dicom.ct.CtReference;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.rtdose.RtDoseWriter;
import org.seedplan.dicom.rtplan.NeedleGrouping;
import org.seedplan.dicom.rtplan.RtPlanWriter;
import org.seedplan.dicom.rtplan.SeedPlanExport;
import org.seedplan.dicom.rtplan.SeedSourceInfo;
import org.seedplan.dicom.rtstruct.RtStructWriter;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Volume;
import org.seedplan.structure.Structure;

/**
 * Writes a seed plan as DICOM RT: {@code RS.dcm} (RT Structure Set on the CT), {@code RP.dcm}
 * (brachy RT Plan referencing the structure set) and {@code RD.dcm} (RT Dose referencing the plan),
 * sharing the CT's Study and Frame of Reference UIDs; for a CT that exists only as a volume (demo,
 * case file) also the CT series ({@code CT.0001.dcm}…) in a new study. All files are written to a
 * hidden folder beside {@code dir} (created with the user's umask), which is moved into place only
 * when every file succeeded; {@code dir} must not exist or be empty.
 */
public final class DicomExport {

    /** The files one export wrote. */
    public record Written(Path dir, List<Path> ctSlices, Path rtStruct, Path rtPlan, Path rtDose) {
    }

    private DicomExport() {
    }

    /** Writes the plan set; seeds are grouped into needles by {@link NeedleGrouping#byAxisLine}. */
    public static Written writePlanSet(Path dir, Volume ct, List<Structure> structures, List<Seed> seeds,
                                       SeedSourceInfo source, double prescriptionGy, String targetName, DoseGrid dose,
                                       PatientInfo patient) {
        return writePlanSet(dir, new PlanSet(patient, ct, structures, NeedleGrouping.byAxisLine(seeds), source,
                prescriptionGy, targetName, dose), RtDoseWriter.Bits.THIRTY_TWO);
    }

    /** Writes the plan set, with a new CT series, study and Frame of Reference, with dose values of the given width. */
    public static Written writePlanSet(Path dir, PlanSet set, RtDoseWriter.Bits doseBits) {
        StudyContext study = StudyContext.newStudy(set.patient());
        String ctSeries = Uids.newUid();
        List<DataSet> slices = CtSeriesWriter.slices(set.ct(), study, ctSeries);
        List<String> sliceUids = slices.stream().map(s -> s.requireString(Tag.SOP_INSTANCE_UID)).toList();
        CtReference ref = new CtReference(study.studyInstanceUid(), ctSeries, study.frameOfReferenceUid(),
                set.ct().grid(), sliceUids);
        return write(dir, set, doseBits, study, ref, slices);
    }

    /**
     * Writes RS, RP and RD for a plan made on an imported CT series: they keep the CT's patient, Study
     * Instance UID and Frame of Reference, the structure set references the CT's own slices (SOP
     * Instance UIDs) and the CT is not copied ({@link Written#ctSlices} is empty).
     */
    public static Written writeOnCt(Path dir, CtSeries ct, PlanSet set, RtDoseWriter.Bits doseBits) {
        if (ct.studyInstanceUid().isEmpty() || ct.frameOfReferenceUid().isEmpty()) {
            throw new IllegalArgumentException("the CT series " + ct.seriesInstanceUid() + " states no "
                    + (ct.studyInstanceUid().isEmpty() ? "Study Instance UID" : "Frame of Reference UID")
                    + ": objects written for it could not refer to it; give a CT series with both");
        }
        StudyContext study = new StudyContext(ct.patient(), ct.studyInstanceUid(), ct.frameOfReferenceUid(),
                LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
        return write(dir, set, doseBits, study, CtReference.of(ct), List.of());
    }

    private static Written write(Path dir, PlanSet set, RtDoseWriter.Bits doseBits, StudyContext study, CtReference ref,
                                 List<DataSet> slices) {
        if (Files.exists(dir) && !isEmptyDir(dir)) {
            throw new IllegalArgumentException(dir + ": folder exists and is not empty: give a new or empty folder for the DICOM export");
        }
        String rsUid = Uids.newUid();
        DataSet rs = RtStructWriter.write(set.structures(), ref, study, rsUid, Uids.newUid(), "seedplan");
        int target = 0;
        for (int i = 0; i < set.structures().size(); i++) {
            if (set.structures().get(i).name().equals(set.targetName())) {
                target = i + 1;
            }
        }
        boolean rx = Double.isFinite(set.prescriptionGy());
        if (rx && target == 0) {
            throw new IllegalArgumentException("prescription target '" + set.targetName() + "' is not among the structures "
                    + set.structures().stream().map(Structure::name).toList() + ": name one of them");
        }
        String rpUid = Uids.newUid();
        DataSet rp = RtPlanWriter.write(new SeedPlanExport("seedplan", set.needles(), set.needleTipsMm(), set.source(),
                set.prescriptionGy(), target, rx ? set.targetName() : ""), study, rpUid, Uids.newUid(), rsUid);
        DataSet rd = RtDoseWriter.write(set.dose(), doseBits, study, Uids.newUid(), Uids.newUid(), rpUid);

        Path abs = dir.toAbsolutePath();
        Path tmp = UmaskFiles.createHiddenFolder(abs);
        try {
            List<Path> ctFiles = new ArrayList<>();
            for (int k = 0; k < slices.size(); k++) {
                String name = String.format(Locale.ROOT, "CT.%04d.dcm", k + 1);
                write(slices.get(k), tmp.resolve(name));
                ctFiles.add(abs.resolve(name));
            }
            write(rs, tmp.resolve("RS.dcm"));
            write(rp, tmp.resolve("RP.dcm"));
            write(rd, tmp.resolve("RD.dcm"));
            if (Files.exists(abs)) {
                Files.delete(abs);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            return new Written(abs, ctFiles, abs.resolve("RS.dcm"), abs.resolve("RP.dcm"), abs.resolve("RD.dcm"));
        } catch (IOException e) {
            deleteTree(tmp);
            if (e instanceof DirectoryNotEmptyException) {
                throw new IllegalArgumentException(dir + ": folder was filled during the export: give a new or empty folder", e);
            }
            throw new UncheckedIOException(dir + ": DICOM export failed, nothing written (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    private static void write(DataSet ds, Path file) throws IOException {
        Files.write(file, DicomWriter.encode(ds));
    }

    private static boolean isEmptyDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot be listed (" + e.getMessage() + ")", e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort: the temporary folder is hidden (dot name) and holds nothing the user asked for
        }
    }
}
